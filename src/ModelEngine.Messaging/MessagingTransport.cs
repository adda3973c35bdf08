namespace ModelEngine.Messaging;

/// <summary>The bus that carries messages between nodes, chosen by <c>Messaging:Transport</c>.</summary>
public enum MessagingTransport
{
    /// <summary>MassTransit's in-memory bus: one node, no broker. Pending instances run through the local queue.</summary>
    InMemory,

    /// <summary>RabbitMQ at <c>ConnectionStrings:RabbitMq</c>: any node runs the Pending instances that any node commits.</summary>
    RabbitMq,
}
