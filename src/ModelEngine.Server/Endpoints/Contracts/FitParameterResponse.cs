namespace ModelEngine.Server.Endpoints.Contracts;

/// <summary>One parameter of a genericable: its name and wire type (<c>Json</c>, <c>String</c> or <c>Bytes</c>).</summary>
public sealed record FitParameterResponse(string Name, string Type);
