using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelEngine.Fel.Providers.Clients;
using ModelEngine.Fel.Providers.Configuration;
using ModelEngine.Fel.Providers.Diagnostics;

namespace ModelEngine.Fel.Providers;

/// <summary>
/// The models configured under <c>Fel:Models</c>, served by the OpenAI-compatible and Ollama adapters. Each model's
/// client is created on first use and then shared. Disposing the catalog disposes the clients.
/// </summary>
public sealed class FelModelCatalog : IFelModelCatalog, IDisposable
{
    private readonly Dictionary<string, FelModelSettings> _settings;
    private readonly ModelClientFactory _factory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<IChatClient>> _chatClients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<IEmbeddingGenerator<string, Embedding<float>>>> _embeddingGenerators = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads and validates <c>Fel:Models</c> of <paramref name="configuration"/>.</summary>
    /// <param name="configuration">The root configuration.</param>
    /// <param name="loggerFactory">The loggers of the adapters and their OpenTelemetry layer.</param>
    /// <param name="timeProvider">The clock of the retry waits.</param>
    /// <exception cref="InvalidOperationException">The configuration is invalid. The message lists every problem.</exception>
    public FelModelCatalog(IConfiguration configuration, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(FelModelsConfigurationReader.Read(configuration, Environment.GetEnvironmentVariable), loggerFactory, timeProvider)
    {
    }

    internal FelModelCatalog(IReadOnlyList<FelModelSettings> settings, ILoggerFactory? loggerFactory, TimeProvider? timeProvider)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        _settings = settings.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        Models = settings.Select(s => s.ToDescriptor()).ToList();
        _factory = new ModelClientFactory(loggerFactory, timeProvider ?? TimeProvider.System);
        _logger = loggerFactory.CreateLogger<FelModelCatalog>();
    }

    /// <inheritdoc />
    public IReadOnlyList<FelModelDescriptor> Models { get; }

    /// <inheritdoc />
    public FelModelDescriptor? Find(string name) => _settings.TryGetValue(name, out var settings) ? settings.ToDescriptor() : null;

    /// <inheritdoc />
    public IChatClient GetChatClient(string name)
    {
        var settings = Lookup(name, FelModelKind.Chat);
        return _chatClients.GetOrAdd(settings.Name, _ => new Lazy<IChatClient>(() =>
        {
            Log(settings);
            return _factory.CreateChatClient(settings);
        })).Value;
    }

    /// <inheritdoc />
    public IEmbeddingGenerator<string, Embedding<float>> GetEmbeddingGenerator(string name)
    {
        var settings = Lookup(name, FelModelKind.Embedding);
        return _embeddingGenerators.GetOrAdd(settings.Name, _ => new Lazy<IEmbeddingGenerator<string, Embedding<float>>>(() =>
        {
            Log(settings);
            return _factory.CreateEmbeddingGenerator(settings);
        })).Value;
    }

    /// <summary>Disposes every client created so far.</summary>
    public void Dispose()
    {
        foreach (var client in _chatClients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        foreach (var generator in _embeddingGenerators.Values.Where(g => g.IsValueCreated))
        {
            generator.Value.Dispose();
        }
    }

    private FelModelSettings Lookup(string name, FelModelKind kind)
    {
        if (_settings.TryGetValue(name, out var settings) && settings.Kind == kind)
        {
            return settings;
        }

        throw new FelModelNotConfiguredException(name, kind);
    }

    private void Log(FelModelSettings settings) =>
        FelModelLog.ClientCreated(_logger, settings.Name, settings.Provider.ToString(), settings.Kind, settings.Model);
}
