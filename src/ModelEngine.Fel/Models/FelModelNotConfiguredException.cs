namespace ModelEngine.Fel;

/// <summary>Thrown when a definition or flow names a model that <c>Fel:Models</c> does not configure.</summary>
public sealed class FelModelNotConfiguredException : InvalidOperationException
{
    public FelModelNotConfiguredException(string modelName, FelModelKind kind)
        : base(BuildMessage(modelName, kind))
    {
        ModelName = modelName;
        Kind = kind;
    }

    /// <summary>The name that was asked for.</summary>
    public string ModelName { get; }

    /// <summary>The kind of model that was asked for.</summary>
    public FelModelKind Kind { get; }

    /// <summary>The configuration key to set, such as <c>Fel:Models:drafting</c>.</summary>
    public string ConfigurationKey => $"Fel:Models:{ModelName}";

    private static string BuildMessage(string modelName, FelModelKind kind)
    {
        var what = kind == FelModelKind.Chat ? "chat" : "embedding";
        return $"No {what} model named '{modelName}' is configured. Set Fel:Models:{modelName}:Provider, " +
            $"Fel:Models:{modelName}:Endpoint and Fel:Models:{modelName}:Model (and Kind = {kind} for an embedding model), " +
            "or refer to a model name that is configured.";
    }
}
