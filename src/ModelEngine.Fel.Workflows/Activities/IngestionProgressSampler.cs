namespace ModelEngine.Fel.Workflows.Activities;

/// <summary>
/// Keeps at most about ten of an ingestion's progress reports: the first report after each tenth of the documents is
/// read. The ingestor may report from any thread, so the samples are taken under a lock and journaled afterwards.
/// </summary>
internal sealed class IngestionProgressSampler : IProgress<IngestionProgress>
{
    /// <summary>The target number of samples. The final report can add one more.</summary>
    public const int TargetSamples = 10;

    private readonly Lock _lock = new();
    private readonly List<IngestionProgress> _samples = [];
    private readonly int _step;
    private int _nextThreshold;

    public IngestionProgressSampler(int totalDocuments)
    {
        _step = Math.Max(1, (int)Math.Ceiling(totalDocuments / (double)TargetSamples));
        _nextThreshold = _step;
    }

    public IReadOnlyList<IngestionProgress> Samples
    {
        get
        {
            lock (_lock)
            {
                return _samples.ToList();
            }
        }
    }

    public void Report(IngestionProgress value)
    {
        lock (_lock)
        {
            if (value.Documents < _nextThreshold)
            {
                return;
            }

            _samples.Add(value);
            while (_nextThreshold <= value.Documents)
            {
                _nextThreshold += _step;
            }
        }
    }
}
