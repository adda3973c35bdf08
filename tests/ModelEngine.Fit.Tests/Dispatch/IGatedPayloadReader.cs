using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Tests.Dispatch;

[Genericable("tests.gated.payload-sum")]
public interface IGatedPayloadReader
{
    Task<long> SumAsync(FitPayload document, CancellationToken cancellationToken);
}
