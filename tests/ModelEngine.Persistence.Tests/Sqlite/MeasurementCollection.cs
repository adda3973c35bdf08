namespace ModelEngine.Persistence.Tests.Sqlite;

/// <summary>Runs measurements after the parallel tests and alone, so that other tests do not share their CPU time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasurementCollection
{
    public const string Name = "Measurement";
}
