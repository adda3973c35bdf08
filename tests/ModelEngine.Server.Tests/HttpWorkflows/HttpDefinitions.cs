using System.Text.Json.Nodes;

namespace ModelEngine.Server.Tests.HttpWorkflows;

/// <summary>Definitions that start with an HttpEndpoint, built for the tests of /workflows/.</summary>
public static class HttpDefinitions
{
    /// <summary>
    /// An HttpEndpoint on <paramref name="path"/> followed by a WriteHttpResponse with status 201 whose JSON body
    /// repeats the route value <c>id</c>, the body's <c>amount</c>, the initiator and the query parameter <c>q</c>.
    /// </summary>
    public static JsonObject Echo(string definitionId, string path, string methods = "[\"POST\"]", string? endpointExtras = null) => Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "http", "type": "Elsa.HttpEndpoint",
              "path": { "typeName": "String", "expression": { "type": "Literal", "value": "{{path}}" } },
              "supportedMethods": { "typeName": "String[]", "expression": { "type": "Object", "value": {{JsonValue.Create(methods).ToJsonString()}} } }
              {{endpointExtras ?? ""}} },
            { "id": "respond", "type": "Elsa.WriteHttpResponse",
              "statusCode": { "typeName": "Int32", "expression": { "type": "Literal", "value": "201" } },
              "content": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "({ id: getOutputFrom('http', 'routeData').id, amount: (getOutputFrom('http', 'parsedContent') || {}).amount, initiator: getInitiator(), q: getOutputFrom('http', 'queryStringData').q })" } },
              "responseHeaders": { "typeName": "Object", "expression": { "type": "Object", "value": "{\"X-Echo\":\"yes\"}" } } } ],
          "connections": [ { "source": { "activity": "http", "port": "Done" }, "target": { "activity": "respond", "port": "In" } } ] } }
        """);

    /// <summary>An HttpEndpoint on <paramref name="path"/> and nothing else, so the instance finishes without a response.</summary>
    public static JsonObject Silent(string definitionId, string path, string? endpointExtras = null) => Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "http", "type": "Elsa.HttpEndpoint",
              "path": { "typeName": "String", "expression": { "type": "Literal", "value": "{{path}}" } }
              {{endpointExtras ?? ""}} } ],
          "connections": [] } }
        """);

    /// <summary>
    /// POST <c>{prefix}/{id}</c> starts an instance that responds "waiting" with 200 and then waits on a second
    /// HttpEndpoint, POST <c>{prefix}/{id}/decision</c>. That request gets the decision back and finishes the instance.
    /// </summary>
    public static JsonObject TwoStep(string definitionId, string prefix) => Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "start", "type": "Elsa.HttpEndpoint",
              "path": { "typeName": "String", "expression": { "type": "Literal", "value": "{{prefix}}/{id}" } },
              "supportedMethods": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"POST\"]" } } },
            { "id": "ack", "type": "Elsa.WriteHttpResponse",
              "content": { "typeName": "Object", "expression": { "type": "Literal", "value": "waiting" } } },
            { "id": "decision", "type": "Elsa.HttpEndpoint",
              "path": { "typeName": "String", "expression": { "type": "JavaScript", "value": "'{{prefix}}/' + getOutputFrom('start', 'routeData').id + '/decision'" } },
              "supportedMethods": { "typeName": "String[]", "expression": { "type": "Object", "value": "[\"POST\"]" } } },
            { "id": "answer", "type": "Elsa.WriteHttpResponse",
              "content": { "typeName": "Object", "expression": { "type": "JavaScript", "value": "({ decision: getOutputFrom('decision', 'parsedContent').decision })" } } } ],
          "connections": [
            { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "ack", "port": "In" } },
            { "source": { "activity": "ack", "port": "Done" }, "target": { "activity": "decision", "port": "In" } },
            { "source": { "activity": "decision", "port": "Done" }, "target": { "activity": "answer", "port": "In" } } ] } }
        """);

    /// <summary>An HttpEndpoint on <paramref name="path"/> followed by <paramref name="next"/>, an activity in Elsa's JSON shape whose id is <c>next</c>.</summary>
    public static JsonObject ThenActivity(string definitionId, string path, string next) => Parse($$"""
        { "definitionId": "{{definitionId}}", "root": { "type": "Elsa.Flowchart", "id": "f",
          "activities": [
            { "id": "http", "type": "Elsa.HttpEndpoint",
              "path": { "typeName": "String", "expression": { "type": "Literal", "value": "{{path}}" } } },
            {{next}} ],
          "connections": [ { "source": { "activity": "http", "port": "Done" }, "target": { "activity": "next", "port": "In" } } ] } }
        """);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
