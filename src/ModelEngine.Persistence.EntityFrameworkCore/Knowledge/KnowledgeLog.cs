using Microsoft.Extensions.Logging;

namespace ModelEngine.Persistence.EntityFrameworkCore.Knowledge;

/// <summary>The log messages of the knowledge chunk store and of the PostgreSQL knowledge bases.</summary>
internal static partial class KnowledgeLog
{
    [LoggerMessage(EventId = PersistenceEventIds.KnowledgeChunksWritten, Level = LogLevel.Debug,
        Message = "Wrote {Count} chunks to knowledge base {KnowledgeBase}")]
    public static partial void ChunksWritten(ILogger logger, int count, string knowledgeBase);

    [LoggerMessage(EventId = PersistenceEventIds.KnowledgeDocumentDeleted, Level = LogLevel.Debug,
        Message = "Deleted {Count} chunks of document {DocumentId} from knowledge base {KnowledgeBase}")]
    public static partial void DocumentDeleted(ILogger logger, int count, string documentId, string knowledgeBase);

    [LoggerMessage(EventId = PersistenceEventIds.KnowledgeUpsertRetried, Level = LogLevel.Information,
        Message = "Writing chunks to knowledge base {KnowledgeBase} failed on attempt {Attempt}, because a concurrent batch inserted one of their ids; retrying")]
    public static partial void UpsertRetried(ILogger logger, Exception exception, string knowledgeBase, int attempt);
}
