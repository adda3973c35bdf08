using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.TestOperators.Contracts;

namespace ModelEngine.Fit.TestOperators;

/// <summary>Reads the allocation counter of the process it runs in, so a test can measure a worker from outside.</summary>
[Fitable("gc-total", IsDefault = true)]
public sealed class GcProcessAllocations : IProcessAllocations
{
    /// <inheritdoc />
    public ValueTask<long> GetTotalAllocatedBytesAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(GC.GetTotalAllocatedBytes(precise: true));
}
