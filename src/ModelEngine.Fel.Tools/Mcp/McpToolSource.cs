using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// Exposes the tools of one MCP server. The client connects on the first <see cref="GetToolsAsync"/> and stays
/// connected until the source is disposed. Tool names are the server name, an underscore and the tool's own name,
/// mapped with <see cref="ToolNames.FromId"/>, and schemas are normalised with <see cref="ToolSchemas"/>.
/// </summary>
/// <remarks>
/// A failed connection is not cached: the next call tries again. The tool list is read from the server on every
/// call, so tools the server adds later appear. When listing fails on a connected client (the server restarted or
/// exited), the client is dropped and the call connects once more.
/// </remarks>
public sealed class McpToolSource : IFelToolSource, IAsyncDisposable, IDisposable
{
    /// <summary>The configuration section that contains one subsection per server.</summary>
    public const string ConfigSection = "Fel:Mcp:Servers";

    private readonly McpServerSettings _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private McpClient? _client;
    private bool _disposed;

    public McpToolSource(McpServerSettings settings, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if ((settings.Command is null) == (settings.Endpoint is null))
        {
            throw new ArgumentException(
                $"MCP server '{settings.Name}' must set exactly one of {settings.ConfigPath}:Command (stdio) and {settings.ConfigPath}:Endpoint (Streamable HTTP).",
                nameof(settings));
        }

        _settings = settings;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<McpToolSource>();
    }

    public string Name => $"mcp:{_settings.Name}";

    /// <summary>The server's settings.</summary>
    public McpServerSettings Settings => _settings;

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="names"/> may hold FEL tool names or the server's own tool names. Names this source does not
    /// expose are ignored, because an agent passes the same list to every source.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The server cannot be reached, or two of its tools map to the same name. The message names the server and its configuration key.</exception>
    public async ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken = default)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        IList<McpClientTool> listed;
        try
        {
            listed = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsConnectionFailure(exception))
        {
            // The server may have restarted or exited since the client connected, so the stale client is dropped and
            // this call connects once more.
            FelToolsLog.McpReconnecting(_logger, exception, _settings.Name);
            await DropAsync(client).ConfigureAwait(false);
            client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                listed = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception retryException) when (IsConnectionFailure(retryException))
            {
                await DropAsync(client).ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"MCP server '{_settings.Name}' failed to list its tools: {Messages(retryException)}. Check that the server configured at {_settings.ConfigPath} is running.",
                    retryException);
            }
        }

        var toolNames = ToolNames.Assign(listed.Select(tool => tool.Name), _settings.Name, $"MCP server '{_settings.Name}'");
        var tools = new List<AIFunction>(listed.Count);
        foreach (var tool in listed)
        {
            var name = toolNames[tool.Name];
            if (names is null || names.Contains(name) || names.Contains(tool.Name))
            {
                tools.Add(new NormalizedMcpTool(tool, name, _settings.Name, Name));
            }
        }

        return tools;
    }

    /// <summary>Closes the client, which stops a stdio server's process. Containers that dispose synchronously call this.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Closes the client, which stops a stdio server's process.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_client is not null)
            {
                try
                {
                    await _client.DisposeAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or InvalidOperationException or McpException or OperationCanceledException)
                {
                    FelToolsLog.McpDisposeFailed(_logger, exception, _settings.Name);
                }

                _client = null;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _client) is { } connected)
        {
            return connected;
        }

        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_client is not null)
            {
                return _client;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_settings.ConnectTimeout);
            try
            {
                var client = await McpClient.CreateAsync(CreateTransport(), clientOptions: null, _loggerFactory, timeout.Token).ConfigureAwait(false);
                FelToolsLog.McpConnected(_logger, _settings.Name, TransportName);
                Volatile.Write(ref _client, client);
                return client;
            }
            catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                FelToolsLog.McpConnectFailed(_logger, exception, _settings.Name, TransportName);
                throw new InvalidOperationException(
                    $"MCP server '{_settings.Name}' did not connect within {_settings.ConnectTimeout.TotalSeconds:0.#} s over {TransportName} ({Target}). " +
                    $"Check {Key} or raise {_settings.ConfigPath}:ConnectTimeout.",
                    exception);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
            {
                FelToolsLog.McpConnectFailed(_logger, exception, _settings.Name, TransportName);
                throw new InvalidOperationException(
                    $"MCP server '{_settings.Name}' could not be reached over {TransportName} ({Target}): {Messages(exception)}. Check {Key}.",
                    exception);
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private static bool IsConnectionFailure(Exception exception) =>
        exception is McpException or IOException or HttpRequestException or ObjectDisposedException;

    /// <summary>Disposes <paramref name="client"/> and clears it as the current client, unless another call already replaced it.</summary>
    private async Task DropAsync(McpClient client)
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_client, client))
            {
                _client = null;
            }
        }
        finally
        {
            _connectLock.Release();
        }

        try
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or McpException or OperationCanceledException or HttpRequestException)
        {
            FelToolsLog.McpDisposeFailed(_logger, exception, _settings.Name);
        }
    }

    /// <summary>Joins the distinct messages of an exception and its inner exceptions, because the outer one is often generic.</summary>
    private static string Messages(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = current.Message.Trim().TrimEnd('.');
            if (message.Length > 0 && !messages.Contains(message, StringComparer.Ordinal))
            {
                messages.Add(message);
            }
        }

        return string.Join(": ", messages);
    }

    private IClientTransport CreateTransport()
    {
        if (_settings.Endpoint is { } endpoint)
        {
            return new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = endpoint,
                    Name = _settings.Name,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    ConnectionTimeout = _settings.ConnectTimeout,
                },
                _loggerFactory);
        }

        return new StdioClientTransport(
            new StdioClientTransportOptions
            {
                Command = _settings.Command!,
                Arguments = [.. _settings.Arguments],
                WorkingDirectory = _settings.WorkingDirectory,
                Name = _settings.Name,
            },
            _loggerFactory);
    }

    private string TransportName => _settings.Endpoint is null ? "stdio" : "Streamable HTTP";

    private string Key => _settings.Endpoint is null ? $"{_settings.ConfigPath}:Command" : $"{_settings.ConfigPath}:Endpoint";

    private string Target => _settings.Endpoint?.ToString() ?? string.Join(' ', [_settings.Command!, .. _settings.Arguments]);
}
