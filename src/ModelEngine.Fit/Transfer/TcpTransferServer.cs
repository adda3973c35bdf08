using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ModelEngine.Fit.Transfer;

/// <summary>
/// Serves one-sided reads of registered regions over TCP. Every read is checked against the registry. A key that is
/// not registered, or a range outside the region, gets an error frame and never touches other memory.
/// </summary>
public sealed partial class TcpTransferServer : IHostedService, IAsyncDisposable
{
    private readonly MemoryRegionRegistry _regions;

    private readonly TcpTransferOptions _options;

    private readonly ILogger _logger;

    /// <summary>Stops the accept loop and every connection.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Connections being served, so that stopping can wait for them.</summary>
    private readonly HashSet<Task> _connections = [];

    private Socket? _listener;
    private int _disposed;

    private Task? _acceptLoop;

    public TcpTransferServer(MemoryRegionRegistry regions, IOptions<TcpTransferOptions> options, ILogger<TcpTransferServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _regions = regions;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The endpoint the server is bound to, once started.</summary>
    public IPEndPoint? BoundEndpoint { get; private set; }

    /// <summary>The number of connections open now.</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_connections)
            {
                return _connections.Count;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_options.Address);
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(address, _options.Port));
            listener.Listen(backlog: 128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listener = listener;
        BoundEndpoint = (IPEndPoint)listener.LocalEndPoint!;
        // A server bound to every address announces the host name instead, which other machines can resolve.
        var endpoint = BoundEndpoint.Address.Equals(IPAddress.Any) || BoundEndpoint.Address.Equals(IPAddress.IPv6Any)
            ? $"{Dns.GetHostName()}:{BoundEndpoint.Port}"
            : BoundEndpoint.ToString();
        _regions.SetEndpoint(endpoint);
        Log.Listening(_logger, endpoint);
        _acceptLoop = AcceptLoopAsync(listener, _stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host stops the server, and the container disposes it once for each registration, so only the first
        // call does the work.
        var listener = Interlocked.Exchange(ref _listener, null);
        if (listener is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        listener.Dispose();
        _regions.SetEndpoint(null);
        Task[] pending;
        lock (_connections)
        {
            pending = [.. _connections];
        }

        try
        {
            await Task.WhenAll([_acceptLoop ?? Task.CompletedTask, .. pending]).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The loops end by cancellation.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                Log.AcceptFailed(_logger, exception);
                continue;
            }

            connection.NoDelay = true;
            var task = ServeAsync(connection, cancellationToken);
            lock (_connections)
            {
                _connections.Add(task);
            }

            _ = task.ContinueWith(
                completed =>
                {
                    lock (_connections)
                    {
                        _connections.Remove(completed);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stopping)
    {
        var request = new byte[TransferFrame.RequestSize];
        var header = new byte[TransferFrame.ResponseHeaderSize];
        try
        {
            while (true)
            {
                using (var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping))
                {
                    idle.CancelAfter(_options.IdleTimeout);
                    if (!await TransferFrame.ReadExactlyOrEndAsync(connection, request, idle.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                if (!await HandleAsync(connection, request, header, stopping).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The peer went away, the connection idled out, or the server is stopping.
        }
        finally
        {
            connection.Dispose();
        }
    }

    /// <summary>Serves one request. Returns false when the connection must close (a malformed frame).</summary>
    private async ValueTask<bool> HandleAsync(Socket connection, byte[] request, byte[] header, CancellationToken stopping)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(request);
        var operation = request[4];
        var key = BinaryPrimitives.ReadUInt64LittleEndian(request.AsSpan(8));
        var offset = BinaryPrimitives.ReadInt64LittleEndian(request.AsSpan(16));
        var length = BinaryPrimitives.ReadInt64LittleEndian(request.AsSpan(24));
        if (magic != TransferFrame.Magic || operation is not (TransferFrame.OperationRead or TransferFrame.OperationReleaseLease))
        {
            await SendErrorAsync(connection, header, TransferFrame.StatusBadRequest, "The request frame is malformed.", stopping).ConfigureAwait(false);
            return false;
        }

        if (!_regions.TryGet(key, out var region))
        {
            await SendErrorAsync(connection, header, TransferFrame.StatusUnknownRegion, "The region is not registered.", stopping).ConfigureAwait(false);
            return true;
        }

        if (operation == TransferFrame.OperationReleaseLease)
        {
            var status = region.ReleaseLease() ? TransferFrame.StatusOk : TransferFrame.StatusNoLease;
            TransferFrame.WriteResponseHeader(header, status, 0);
            await connection.SendAsync(header, SocketFlags.None, stopping).ConfigureAwait(false);
            return true;
        }

        if (offset < 0 || length < 0 || length > int.MaxValue || offset > region.Length - length)
        {
            var text = string.Create(
                CultureInfo.InvariantCulture, $"The range {offset}+{length} lies outside the region of {region.Length} bytes.");
            await SendErrorAsync(connection, header, TransferFrame.StatusOutOfRange, text, stopping).ConfigureAwait(false);
            return true;
        }

        using var pin = region.Pin(offset, (int)length);
        if (pin is null)
        {
            await SendErrorAsync(connection, header, TransferFrame.StatusUnknownRegion, "The region went away.", stopping).ConfigureAwait(false);
            return true;
        }

        TransferFrame.WriteResponseHeader(header, TransferFrame.StatusOk, length);
        await connection.SendAsync(header, SocketFlags.None, stopping).ConfigureAwait(false);
        var memory = pin.Memory;
        while (!memory.IsEmpty)
        {
            var sent = await connection.SendAsync(memory, SocketFlags.None, stopping).ConfigureAwait(false);
            memory = memory[sent..];
        }

        return true;
    }

    private static async ValueTask SendErrorAsync(Socket connection, byte[] header, byte status, string message, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetBytes(message);
        TransferFrame.WriteResponseHeader(header, status, text.Length);
        await connection.SendAsync(header, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        await connection.SendAsync(text, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "FIT transfer service listening on {Endpoint}.")]
        public static partial void Listening(ILogger logger, string endpoint);

        [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Accepting a transfer connection failed.")]
        public static partial void AcceptFailed(ILogger logger, Exception exception);
    }
}
