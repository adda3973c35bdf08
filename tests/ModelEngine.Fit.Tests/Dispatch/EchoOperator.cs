using System.Text;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Tests.Dispatch;

/// <summary>Returns the document as a string, after an optional step that runs while the callee has the payload open.</summary>
[Fitable("echo")]
public sealed class EchoOperator : IEchoOperator
{
    public Action? WhileRunning { get; set; }

    public async Task<string> EchoAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken)
    {
        await Task.Yield();
        WhileRunning?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        return Encoding.UTF8.GetString(document.Span);
    }
}
