namespace ModelEngine.Fel.Workflows.Streaming;

/// <summary>
/// Passes the tokens of streaming Generate activities to in-process subscribers, keyed by workflow instance id. The hub
/// lives in one process, so a subscriber receives only the generations that run on its own node.
/// </summary>
public interface IGenerationStreamHub
{
    /// <summary>
    /// Passes <paramref name="streamEvent"/> to the instance's subscribers. Tokens of a running generation are also kept
    /// until it completes or fails, so that a late subscriber receives them first.
    /// </summary>
    void Publish(GenerationStreamEvent streamEvent);

    /// <summary>
    /// Subscribes to the generations of instance <paramref name="instanceId"/>. The subscription starts with the tokens
    /// that running generations have already produced, in order, and then receives every new event until disposed.
    /// </summary>
    GenerationStreamSubscription Subscribe(string instanceId);
}
