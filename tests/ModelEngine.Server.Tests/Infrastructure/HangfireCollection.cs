namespace ModelEngine.Server.Tests.Infrastructure;

/// <summary>
/// The test classes whose server runs Hangfire. Hangfire keeps its storage in the static <c>JobStorage.Current</c>,
/// which each such server sets when it starts, so these classes must not run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire";
}
