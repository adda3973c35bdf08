namespace ModelEngine.Fit.Transfer;

/// <summary>Settings of the TCP transfer service and client, bound from the <c>Fit:Transfer</c> configuration section.</summary>
public sealed class TcpTransferOptions
{
    public const string SectionName = "Fit:Transfer";

    /// <summary>The address the server listens on. Loopback by default, so set a routable address to serve other machines.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The port the server listens on. 0 takes any free port, published through the region registry.</summary>
    public int Port { get; set; }

    /// <summary>The maximum time the client waits for a connection.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The maximum time one read or release may take, end to end, before the client gives up.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The time the server keeps open a connection that sends nothing.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Idle connections the client keeps per endpoint for reuse.</summary>
    public int MaxIdleConnectionsPerEndpoint { get; set; } = 4;
}
