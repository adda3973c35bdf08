namespace ModelEngine.Waterflow;

/// <summary>The state of one edge that metrics and diagnostics read without knowing its item type.</summary>
internal interface IEdgeStatistics
{
    int Window { get; }

    string TargetName { get; }

    long Credits { get; }

    int QueueLength { get; }

    void Close();
}
