using System.Text.Json.Nodes;

namespace ModelEngine.Server.Tests.Messaging;

/// <summary>Definitions that publish and receive messages, built for each test with its own ids.</summary>
internal static class MessagingDefinitions
{
    /// <summary>Publishes one message of <paramref name="messageType"/> with the instance's input <c>order</c> as payload.</summary>
    public static JsonObject Publisher(string definitionId, string messageType, string correlationId) => JsonNode.Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "send", "type": "ModelEngine.PublishMessage",
              "messageType": { "typeName": "String", "expression": { "type": "Literal", "value": "{{messageType}}" } },
              "correlationId": { "typeName": "String", "expression": { "type": "Literal", "value": "{{correlationId}}" } },
              "payload": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "getInput(\"order\")" } } } ],
          "connections": [] } }
        """)!.AsObject();

    /// <summary>
    /// Waits for <paramref name="receives"/> messages of <paramref name="messageType"/> in a row, each filtered by
    /// <paramref name="correlationId"/> when it is set, and outputs the last payload as <c>received</c>.
    /// </summary>
    public static JsonObject Receiver(string definitionId, string messageType, string? correlationId, int receives = 1)
    {
        var activities = new JsonArray();
        var connections = new JsonArray();
        for (var i = 1; i <= receives; i++)
        {
            var receive = new JsonObject
            {
                ["id"] = $"receive{i}",
                ["type"] = "ModelEngine.MessageReceived",
                ["messageType"] = Literal(messageType),
            };
            if (correlationId is not null)
            {
                receive["correlationId"] = Literal(correlationId);
            }

            activities.Add(receive);
            if (i > 1)
            {
                connections.Add(Connection($"receive{i - 1}", $"receive{i}"));
            }
        }

        activities.Add(JsonNode.Parse("""
            { "id": "out", "type": "Elsa.SetOutput",
              "outputName": { "typeName": "String", "expression": { "type": "Literal", "value": "received" } },
              "outputValue": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "getLastResult()" } } }
            """));
        connections.Add(Connection($"receive{receives}", "out"));
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart",
                ["id"] = "f",
                ["activities"] = activities,
                ["connections"] = connections,
            },
        };
    }

    private static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Connection(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
