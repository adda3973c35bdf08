using ModelEngine.Fit.Protocol;

namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>A decoded <c>Response</c>, with the <c>MT-RequestId</c> header and content type it arrived with.</summary>
internal sealed record WireResponse(
    string HeaderRequestId,
    string? ContentType,
    string RequestId,
    Status Status,
    WireValue Result,
    string? ErrorType,
    string? ErrorMessage,
    string? WorkerId);
