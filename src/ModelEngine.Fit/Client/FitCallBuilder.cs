namespace ModelEngine.Fit.Client;

/// <summary>
/// Builds the options of one generic call step by step:
/// <c>client.Route("summarize").WithAlias("fast").Timeout(TimeSpan.FromSeconds(5)).Retry(2).InvokeAsync(text)</c>.
/// Each step returns a new builder, so a partly built one can be reused.
/// </summary>
public readonly struct FitCallBuilder
{
    private readonly IFitClient _client;
    private readonly string _genericableId;
    private readonly FitCallOptions _options;

    internal FitCallBuilder(IFitClient client, string genericableId, FitCallOptions options)
    {
        _client = client;
        _genericableId = genericableId;
        _options = options;
    }

    /// <summary>The options built so far.</summary>
    public FitCallOptions Options => _options ?? FitCallOptions.Default;

    /// <summary>Calls this fitable only.</summary>
    public FitCallBuilder WithFitable(string fitableId) => With(Options with { FitableId = fitableId });

    /// <summary>Calls only fitables that carry this alias.</summary>
    public FitCallBuilder WithAlias(string alias) => With(Options with { Alias = alias });

    /// <summary>Gives the whole call, retries and degradation included, this much time.</summary>
    public FitCallBuilder Timeout(TimeSpan timeout) => With(Options with { Timeout = timeout });

    /// <summary>Tries a failed attempt again this many times.</summary>
    public FitCallBuilder Retry(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return With(Options with { Retry = count });
    }

    /// <summary>Does not follow degradation targets when the fitable fails.</summary>
    public FitCallBuilder IgnoreDegradation() => With(Options with { IgnoreDegradation = true });

    /// <summary>Prefers fitables on this node.</summary>
    public FitCallBuilder PreferNode(string nodeId) => With(Options with { PreferredNodeId = nodeId });

    /// <summary>Calls every matching fitable and folds the results of those that succeed.</summary>
    public FitCallBuilder Multicast(Func<IReadOnlyList<object?>, object?> accumulator)
    {
        ArgumentNullException.ThrowIfNull(accumulator);
        return With(Options with { Accumulator = accumulator });
    }

    /// <summary>Calls the genericable with these arguments, in parameter order.</summary>
    public ValueTask<object?> InvokeAsync(params object?[] arguments) => InvokeAsync(arguments, CancellationToken.None);

    /// <summary>Calls the genericable with these arguments, in parameter order.</summary>
    public ValueTask<object?> InvokeAsync(object?[] arguments, CancellationToken cancellationToken) =>
        _client.InvokeAsync(_genericableId, arguments, Options, cancellationToken);

    private FitCallBuilder With(FitCallOptions options) => new(_client, _genericableId, options);
}
