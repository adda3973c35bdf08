namespace ModelEngine.Fit.Bus.Tests.Workers;

/// <summary>
/// Tests that count this process's allocations with <see cref="GC.GetTotalAllocatedBytes(bool)"/>. The counter is
/// process-wide, so these tests run alone, after the tests that run in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurementCollection
{
    public const string Name = "Allocation measurements";
}
