using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ModelEngine.Persistence.EntityFrameworkCore.Auditing;
using ModelEngine.Persistence.EntityFrameworkCore.Bookmarks;
using ModelEngine.Persistence.EntityFrameworkCore.Configurations;
using ModelEngine.Persistence.EntityFrameworkCore.Credentials;
using ModelEngine.Persistence.EntityFrameworkCore.Definitions;
using ModelEngine.Persistence.EntityFrameworkCore.HttpTriggers;
using ModelEngine.Persistence.EntityFrameworkCore.HumanTasks;
using ModelEngine.Persistence.EntityFrameworkCore.Substitutes;
using ModelEngine.Persistence.EntityFrameworkCore.Idempotency;
using ModelEngine.Persistence.EntityFrameworkCore.Instances;
using ModelEngine.Persistence.EntityFrameworkCore.Journal;
using ModelEngine.Persistence.EntityFrameworkCore.Knowledge;
using ModelEngine.Persistence.EntityFrameworkCore.Leases;
using ModelEngine.Persistence.EntityFrameworkCore.Messaging;
using ModelEngine.Persistence.EntityFrameworkCore.Notifications;
using ModelEngine.Persistence.EntityFrameworkCore.Timers;

namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>
/// The database of definitions, instances, instance leases, bookmarks, timers, journal records, human tasks,
/// idempotency keys, HTTP triggers, the message outbox, audit records, API keys, refresh tokens and knowledge chunks. Entity types are
/// internal: other code reads and writes through the store contracts.
/// </summary>
public sealed class ModelEngineDbContext : DbContext
{
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

    internal DbSet<HumanTaskHistoryEntity> HumanTaskHistory => Set<HumanTaskHistoryEntity>();

    internal DbSet<HumanTaskCommentEntity> HumanTaskComments => Set<HumanTaskCommentEntity>();

    internal DbSet<HumanTaskAttachmentEntity> HumanTaskAttachments => Set<HumanTaskAttachmentEntity>();

    internal DbSet<HumanTaskVariableEntity> HumanTaskVariables => Set<HumanTaskVariableEntity>();

    internal DbSet<SavedTaskFilterEntity> SavedTaskFilters => Set<SavedTaskFilterEntity>();

    internal DbSet<SubstituteRuleEntity> SubstituteRules => Set<SubstituteRuleEntity>();

    internal DbSet<AuditRecordEntity> AuditRecords => Set<AuditRecordEntity>();

    internal DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    internal DbSet<RefreshTokenEntity> RefreshTokens => Set<RefreshTokenEntity>();

    internal DbSet<IdempotencyKeyEntity> IdempotencyKeys => Set<IdempotencyKeyEntity>();

    internal DbSet<HttpTriggerEntity> HttpTriggers => Set<HttpTriggerEntity>();

    internal DbSet<WorkflowLeaseEntity> WorkflowLeases => Set<WorkflowLeaseEntity>();

    internal DbSet<OutboxMessageEntity> OutboxMessages => Set<OutboxMessageEntity>();

    internal DbSet<ConsumedMessageEntity> ConsumedMessages => Set<ConsumedMessageEntity>();

    internal DbSet<NotificationDeliveryEntity> NotificationDeliveries => Set<NotificationDeliveryEntity>();

    internal DbSet<KnowledgeChunkEntity> KnowledgeChunks => Set<KnowledgeChunkEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ModelEngineDbContext).Assembly);

        // SQLite has no date type and cannot order or compare DateTimeOffset text in SQL, so it stores UTC ticks.
        // PostgreSQL (timestamp with time zone) and SQL Server (datetimeoffset) compare instants natively and only
        // need the value in UTC.
        ValueConverter converter = Database.IsSqlite() ? new UtcTicksConverter() : new UtcDateTimeOffsetConverter();
        SetDateTimeOffsetConverter(modelBuilder, converter);
    }

    private static void SetDateTimeOffsetConverter(ModelBuilder modelBuilder, ValueConverter converter)
    {
        var properties = modelBuilder.Model.GetEntityTypes()
            .SelectMany(entityType => entityType.GetProperties())
            .Where(property => property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?));

        foreach (var property in properties)
        {
            property.SetValueConverter(converter);
        }
    }
}
