namespace ModelEngine.Benchmarks.Configuration;

/// <summary>The short job of <see cref="ShortRunConfig"/>, with the 95th percentile latency that the benchmarks record.</summary>
public class LatencyRunConfig : ShortRunConfig
{
    public LatencyRunConfig()
    {
        AddColumn(new P95LatencyColumn());
    }
}
