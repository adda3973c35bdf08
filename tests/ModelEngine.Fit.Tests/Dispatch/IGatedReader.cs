using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Tests.Dispatch;

[Genericable("tests.gated.sum")]
public interface IGatedReader
{
    Task<long> SumAsync(ReadOnlyMemory<byte> document, CancellationToken cancellationToken);
}
