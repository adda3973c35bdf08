using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>The outcome of one model call.</summary>
/// <param name="Response">The whole response, with tool calls and usage when the provider reports them.</param>
/// <param name="TimeToFirstToken">
/// The time from sending the request to the first streamed text, or to the whole response when not streaming.
/// <see langword="null"/> when a streamed response carried no text (only tool calls, for example).
/// </param>
/// <param name="Duration">The time from sending the request to the end of the response.</param>
/// <param name="Chunks">The number of streamed updates, or 1 when not streaming.</param>
public sealed record GenerationResult(ChatResponse Response, TimeSpan? TimeToFirstToken, TimeSpan Duration, int Chunks)
{
    /// <summary>The response's text.</summary>
    public string Text => Response.Text;
}
