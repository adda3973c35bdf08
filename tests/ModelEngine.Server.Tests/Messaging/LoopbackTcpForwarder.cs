using System.Net;
using System.Net.Sockets;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>
/// Forwards TCP connections from a port on 127.0.0.1 to another loopback port, and can cut every connection and stop
/// listening, so that a test can take a broker away from a connected client and give it back.
/// </summary>
internal sealed class LoopbackTcpForwarder : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;

    public LoopbackTcpForwarder(int targetPort, int listenPort = 0)
    {
        _targetPort = targetPort;
        ListenPort = listenPort;
    }

    /// <summary>The port this forwarder listens on; fixed after the first <see cref="Start"/>.</summary>
    public int ListenPort { get; private set; }

    public void Start()
    {
        _stopping = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, ListenPort);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        ListenPort = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync(_listener, _stopping.Token);
    }

    /// <summary>Stops listening and closes every forwarded connection, as a broker that went away would.</summary>
    public void Cut()
    {
        _stopping?.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }

            _connections.Clear();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        _stopping?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _targetPort, stopping);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            lock (_connections)
            {
                _connections.Add(inbound);
                _connections.Add(outbound);
            }

            _ = PumpAsync(inbound.GetStream(), outbound.GetStream(), stopping);
            _ = PumpAsync(outbound.GetStream(), inbound.GetStream(), stopping);
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, CancellationToken stopping)
    {
        try
        {
            await from.CopyToAsync(to, stopping);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // The connection was cut or closed by either side.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
