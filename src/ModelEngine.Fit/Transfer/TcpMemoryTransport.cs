using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Client;

namespace ModelEngine.Fit.Transfer;

/// <summary>
/// The TCP client of <see cref="TcpTransferServer"/>. Keeps a few idle connections per endpoint. A connection that saw
/// an error, a timeout or a cancellation is closed rather than reused, because its stream position is unknown.
/// </summary>
public sealed class TcpMemoryTransport : IMemoryTransport, IDisposable
{
    private readonly TcpTransferOptions _options;

    /// <summary>Idle connections by endpoint text.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Socket>> _idle = new(StringComparer.Ordinal);

    /// <summary>Set once disposed. Idle connections are closed and returned ones are not kept.</summary>
    private volatile bool _disposed;

    public TcpMemoryTransport(IOptions<TcpTransferOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>The number of idle pooled connections, over all endpoints.</summary>
    public int IdleConnectionCount => _idle.Values.Sum(queue => queue.Count);

    public async ValueTask ReadAsync(RemoteRegion region, long offset, Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        var socket = await RentAsync(region.Endpoint, timeout.Token, cancellationToken).ConfigureAwait(false);
        var reusable = false;
        try
        {
            var frame = new byte[Math.Max(TransferFrame.RequestSize, TransferFrame.ResponseHeaderSize)];
            TransferFrame.WriteRequest(frame, TransferFrame.OperationRead, region.Key, offset, destination.Length);
            await socket.SendAsync(frame.AsMemory(0, TransferFrame.RequestSize), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            var (status, length) = await ReadHeaderAsync(socket, frame, timeout.Token).ConfigureAwait(false);
            if (status != TransferFrame.StatusOk)
            {
                var message = await ReadErrorAsync(socket, length, timeout.Token).ConfigureAwait(false);
                reusable = true;
                throw new FitException(FitErrorCode.PayloadUnavailable, $"Reading region {region.Key:x16} from {region.Endpoint} failed: {message}");
            }

            if (length != destination.Length)
            {
                throw new IOException($"Invalid transfer response: the server sent {length} bytes for a read of {destination.Length} bytes.");
            }

            await TransferFrame.ReadExactlyOrEndAsync(socket, destination, timeout.Token).ConfigureAwait(false);
            reusable = true;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FitException(
                FitErrorCode.Unavailable, $"Reading region {region.Key:x16} from {region.Endpoint} timed out after {_options.OperationTimeout} (Fit:Transfer:OperationTimeout).", exception);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            throw new FitException(FitErrorCode.Unavailable, $"Reading region {region.Key:x16} from {region.Endpoint} failed: {exception.Message}", exception);
        }
        finally
        {
            Return(region.Endpoint, socket, reusable);
        }
    }

    public async ValueTask<bool> ReleaseLeaseAsync(RemoteRegion region, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.OperationTimeout);
        var socket = await RentAsync(region.Endpoint, timeout.Token, cancellationToken).ConfigureAwait(false);
        var reusable = false;
        try
        {
            var frame = new byte[TransferFrame.RequestSize];
            TransferFrame.WriteRequest(frame, TransferFrame.OperationReleaseLease, region.Key, 0, 0);
            await socket.SendAsync(frame, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            var (status, length) = await ReadHeaderAsync(socket, frame, timeout.Token).ConfigureAwait(false);
            if (length > 0)
            {
                await ReadErrorAsync(socket, length, timeout.Token).ConfigureAwait(false);
            }

            reusable = true;
            return status == TransferFrame.StatusOk;
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FitException(FitErrorCode.Unavailable, $"Releasing region {region.Key:x16} at {region.Endpoint} timed out after {_options.OperationTimeout} (Fit:Transfer:OperationTimeout).", exception);
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            throw new FitException(FitErrorCode.Unavailable, $"Releasing region {region.Key:x16} at {region.Endpoint} failed: {exception.Message}", exception);
        }
        finally
        {
            Return(region.Endpoint, socket, reusable);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var queue in _idle.Values)
        {
            while (queue.TryDequeue(out var socket))
            {
                socket.Dispose();
            }
        }
    }

    private static async ValueTask<(byte Status, long Length)> ReadHeaderAsync(Socket socket, byte[] frame, CancellationToken cancellationToken)
    {
        var header = frame.AsMemory(0, TransferFrame.ResponseHeaderSize);
        if (!await TransferFrame.ReadExactlyOrEndAsync(socket, header, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException("The transfer server closed the connection before it sent a response header.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(frame) != TransferFrame.Magic)
        {
            throw new IOException("Invalid transfer response: the frame has the wrong magic number.");
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(8));
        return length < 0 ? throw new IOException("Invalid transfer response: the frame has a negative length.") : (frame[4], length);
    }

    private static async ValueTask<string> ReadErrorAsync(Socket socket, long length, CancellationToken cancellationToken)
    {
        if (length > TransferFrame.MaxErrorLength)
        {
            throw new IOException($"Invalid transfer response: the error frame is {length} bytes, more than the maximum of {TransferFrame.MaxErrorLength}.");
        }

        var text = new byte[length];
        await TransferFrame.ReadExactlyOrEndAsync(socket, text, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(text);
    }

    private async ValueTask<Socket> RentAsync(string endpoint, CancellationToken timeout, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryGetValue(endpoint, out var queue))
        {
            while (queue.TryDequeue(out var pooled))
            {
                // An idle connection that reads as ready with nothing to read was closed by the server.
                if (pooled.Poll(0, SelectMode.SelectRead) && pooled.Available == 0)
                {
                    pooled.Dispose();
                    continue;
                }

                return pooled;
            }
        }

        var address = ParseEndpoint(endpoint);
        var socket = address is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(timeout);
        connect.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(address, connect.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception exception)
        {
            socket.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new FitException(FitErrorCode.Unavailable, $"Connecting to the transfer service at {endpoint} failed: {exception.Message}", exception);
        }
    }

    /// <summary>Parses <c>ip:port</c>, or <c>host:port</c> as a server bound to every address announces itself.</summary>
    private static EndPoint ParseEndpoint(string endpoint)
    {
        if (IPEndPoint.TryParse(endpoint, out var ip))
        {
            return ip;
        }

        var colon = endpoint.LastIndexOf(':');
        if (colon > 0
            && int.TryParse(endpoint.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            && port is > 0 and <= IPEndPoint.MaxPort
            && Uri.CheckHostName(endpoint[..colon]) == UriHostNameType.Dns)
        {
            return new DnsEndPoint(endpoint[..colon], port);
        }

        throw new FitException(
            FitErrorCode.PayloadUnavailable,
            $"The transfer endpoint '{endpoint}' is invalid; expected an IP address or host name with a port, such as 10.0.0.5:7801.");
    }

    private void Return(string endpoint, Socket socket, bool reusable)
    {
        if (reusable && !_disposed)
        {
            var queue = _idle.GetOrAdd(endpoint, static _ => new ConcurrentQueue<Socket>());
            if (queue.Count < _options.MaxIdleConnectionsPerEndpoint)
            {
                queue.Enqueue(socket);
                return;
            }
        }

        socket.Dispose();
    }
}
