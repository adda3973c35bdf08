namespace ModelEngine.Server.HttpWorkflows;

/// <summary>Settings of the workflows served under <c>/workflows/</c>, bound from the <c>HttpWorkflows</c> section.</summary>
public sealed class HttpWorkflowOptions
{
    public const string SectionName = "HttpWorkflows";

    /// <summary>
    /// How long a request waits for its instance to write a response, suspend or finish. After that it gets 202 with
    /// the instance id, and the instance goes on in the background.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest request body accepted, in bytes; a larger one gets 413. The body is stored in the instance state.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
