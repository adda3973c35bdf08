using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelEngine.Fel.Providers.Configuration;
using ModelEngine.Fel.Providers.Diagnostics;

namespace ModelEngine.Fel.Providers.Chat;

/// <summary>
/// The outermost layer of every catalog chat client, the same for all providers: it rejects an input over the
/// model's context window before any HTTP call and maps what the provider SDK throws to
/// <see cref="FelModelException"/>, for blocking and streaming calls alike.
/// </summary>
internal sealed class FelGuardChatClient : DelegatingChatClient
{
    private readonly FelModelSettings _settings;
    private readonly ModelExceptionMapper _mapper;
    private readonly ILogger _logger;

    public FelGuardChatClient(IChatClient innerClient, FelModelSettings settings, ModelExceptionMapper mapper, ILogger logger)
        : base(innerClient)
    {
        _settings = settings;
        _mapper = mapper;
        _logger = logger;
    }

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        CheckContextWindow(list, options);
        try
        {
            return await base.GetResponseAsync(list, options, cancellationToken);
        }
        catch (Exception ex) when (ModelExceptionMapper.ShouldMap(ex, cancellationToken))
        {
            throw _mapper.Map(ex);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        CheckContextWindow(list, options);
        IAsyncEnumerator<ChatResponseUpdate> updates;
        try
        {
            updates = base.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (ModelExceptionMapper.ShouldMap(ex, cancellationToken))
        {
            throw _mapper.Map(ex);
        }

        var count = 0;
        var finished = false;
        await using (updates)
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await updates.MoveNextAsync();
                }
                catch (Exception ex) when (ModelExceptionMapper.ShouldMap(ex, cancellationToken))
                {
                    throw _mapper.Map(ex);
                }

                if (!more)
                {
                    break;
                }

                count++;
                finished |= updates.Current.FinishReason is not null;
                yield return updates.Current;
            }
        }

        // An OpenAI-compatible stream ends with a chunk that carries finish_reason. A stream that ends without one was cut
        // off by a dropped connection or a crashed server, so its text is incomplete.
        if (!finished && _settings.Provider == FelModelProvider.OpenAI)
        {
            FelModelLog.CallBroken(_logger, _settings.Name, "TruncatedStream");
            throw new FelModelException(_settings.Name, _settings.Provider.ToString(), statusCode: null, providerMessage: null,
                $"The answer streamed by model '{_settings.Name}' ended after {count} updates without a finish reason, so the connection was cut " +
                "before the model finished. Retry the call; if it happens again, check the endpoint's logs and any proxy in between.");
        }
    }

    private void CheckContextWindow(IReadOnlyCollection<ChatMessage> messages, ChatOptions? options)
    {
        if (_settings.ContextWindow is not { } window)
        {
            return;
        }

        var count = ContextTokenEstimator.Count(messages, options);
        if (count > window)
        {
            FelModelLog.ContextLimitRejected(_logger, _settings.Name, count, window);
            throw new FelContextLimitExceededException(_settings.Name, count, window);
        }
    }
}
