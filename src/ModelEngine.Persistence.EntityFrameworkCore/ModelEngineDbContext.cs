using Microsoft.EntityFrameworkCore;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.Configurations;
using ModelEngine.Persistence.EntityFrameworkCore.Definitions;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;
using ModelEngine.Persistence.EntityFrameworkCore.Timers;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>
/// The database of definitions, instances, bookmarks, timers, journal records and human tasks. Entity types are
/// internal: other code reads and writes through the store contracts.
/// </summary>
public sealed class ModelEngineDbContext : DbContext
{
    private const string SqliteProviderName = "Microsoft.EntityFrameworkCore.Sqlite";

    public ModelEngineDbContext(DbContextOptions<ModelEngineDbContext> options)
        : base(options)
    {
    }

    internal DbSet<WorkflowDefinitionEntity> WorkflowDefinitions => Set<WorkflowDefinitionEntity>();

    internal DbSet<WorkflowInstanceEntity> WorkflowInstances => Set<WorkflowInstanceEntity>();

    internal DbSet<WorkflowInstanceStateEntity> WorkflowInstanceStates => Set<WorkflowInstanceStateEntity>();

    internal DbSet<BookmarkEntity> Bookmarks => Set<BookmarkEntity>();

    internal DbSet<TimerEntity> Timers => Set<TimerEntity>();

    internal DbSet<JournalEntryEntity> JournalEntries => Set<JournalEntryEntity>();

    internal DbSet<HumanTaskEntity> HumanTasks => Set<HumanTaskEntity>();

    internal DbSet<HumanTaskCandidateEntity> HumanTaskCandidates => Set<HumanTaskCandidateEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ModelEngineDbContext).Assembly);

        // SQLite has no date type and cannot order or compare DateTimeOffset text in SQL. Providers with a native
        // timestamp type keep it.
        if (Database.ProviderName == SqliteProviderName)
        {
            StoreDateTimeOffsetsAsUtcTicks(modelBuilder);
        }
    }

    private static void StoreDateTimeOffsetsAsUtcTicks(ModelBuilder modelBuilder)
    {
        var converter = new UtcTicksConverter();
        var properties = modelBuilder.Model.GetEntityTypes()
            .SelectMany(entityType => entityType.GetProperties())
            .Where(property => property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?));

        foreach (var property in properties)
        {
            property.SetValueConverter(converter);
        }
    }
}
