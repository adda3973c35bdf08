using System.Net;
using System.Net.Sockets;

namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>
/// A loopback port that refuses connections. Its socket is bound but never listens, so a connect gets a reset, and
/// while the socket is held no server that another test starts in parallel can take the port.
/// </summary>
public sealed class RefusingPort : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>Gets the port number.</summary>
    public int Port { get; }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
