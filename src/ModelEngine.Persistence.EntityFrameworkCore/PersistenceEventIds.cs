namespace ModelEngine.Persistence.EntityFrameworkCore;

/// <summary>Event ids of the persistence log messages. An id is never reused for another message.</summary>
public static class PersistenceEventIds
{
    public const int CommitWritten = 3001;
    public const int CommitConflict = 3002;
    public const int CommitFailed = 3003;
    public const int InstanceDeleted = 3004;
    public const int TaskUpdateConflict = 3010;
    public const int TimerClaimed = 3020;
    public const int TimerClaimRejected = 3021;
    public const int DefinitionsSaved = 3030;
    public const int DefinitionDeleted = 3031;
    public const int MigrationsApplying = 3040;
    public const int MigrationsApplied = 3041;
    public const int LeaseAcquired = 3050;
    public const int LeaseRejected = 3051;
    public const int OutboxMessageClaimed = 3060;
    public const int OutboxMessageClaimRejected = 3061;
    public const int NotificationDeliveryExists = 3070;
    public const int KnowledgeChunksWritten = 3080;
    public const int KnowledgeDocumentDeleted = 3081;
    public const int KnowledgeUpsertRetried = 3082;
}
