using Microsoft.Extensions.AI;

namespace ModelEngine.Fel;

/// <summary>Receives the updates of a streamed generation as they arrive, for example to forward tokens to a client.</summary>
public interface IGenerationObserver
{
    /// <summary>Called for each streamed update, in order, before the next one is read.</summary>
    ValueTask OnUpdateAsync(ChatResponseUpdate update, CancellationToken cancellationToken);
}
