using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.TestOperators.Contracts;

/// <summary>Reports how much managed memory the process that runs the fitable has allocated.</summary>
[Genericable("test.process.allocated-bytes")]
public interface IProcessAllocations
{
    /// <summary>Returns <see cref="GC.GetTotalAllocatedBytes(bool)"/> with precise counting, of the process the fitable runs in.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes allocated on the managed heap since the process started.</returns>
    ValueTask<long> GetTotalAllocatedBytesAsync(CancellationToken cancellationToken);
}
