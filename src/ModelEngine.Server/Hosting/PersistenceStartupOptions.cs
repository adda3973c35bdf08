namespace ModelEngine.Server.Hosting;

/// <summary>Start-up behaviour of the database, bound from the <c>Persistence</c> section.</summary>
public sealed class PersistenceStartupOptions
{
    public const string SectionName = "Persistence";

    /// <summary>Whether the server creates the database and applies pending migrations when it starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
