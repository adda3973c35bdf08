namespace ModelEngine.Studio.IntegrationTests.Infrastructure;

/// <summary>A user the test provider signs in: the preferred_username claim and the groups claims.</summary>
public sealed record TestUser(string Name, IReadOnlyList<string> Groups);
