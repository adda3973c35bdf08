using System.Diagnostics;

namespace ModelEngine.Server.Problems;

/// <summary>
/// The trace id that every problem response and its log line carry: the W3C id of the current activity, or the
/// connection-based request id when no activity is running. Using one source keeps the <c>traceId</c> field, the
/// <c>detail</c> text and the server log in agreement.
/// </summary>
internal static class ProblemTraceId
{
    public static string Get(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;
}
