IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
CREATE TABLE [WorkflowDefinitions] (
    [Id] nvarchar(128) NOT NULL,
    [DefinitionId] nvarchar(128) NOT NULL,
    [Version] int NOT NULL,
    [Name] nvarchar(256) NULL,
    [Description] nvarchar(max) NULL,
    [IsLatest] bit NOT NULL,
    [IsPublished] bit NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    [CreatedBy] nvarchar(256) NULL,
    [ModelJson] nvarchar(max) NOT NULL,
    CONSTRAINT [PK_WorkflowDefinitions] PRIMARY KEY ([Id])
);

CREATE TABLE [WorkflowInstances] (
    [Id] nvarchar(128) NOT NULL,
    [DefinitionId] nvarchar(128) NOT NULL,
    [DefinitionVersionId] nvarchar(128) NOT NULL,
    [Version] int NOT NULL,
    [Status] nvarchar(32) NOT NULL,
    [SubStatus] nvarchar(32) NOT NULL,
    [CorrelationId] nvarchar(256) NULL,
    [Name] nvarchar(256) NULL,
    [Initiator] nvarchar(256) NULL,
    [IncidentCount] int NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    [FinishedAt] datetimeoffset NULL,
    [Revision] bigint NOT NULL,
    CONSTRAINT [PK_WorkflowInstances] PRIMARY KEY ([Id])
);

CREATE TABLE [Bookmarks] (
    [Id] nvarchar(128) NOT NULL,
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [ActivityId] nvarchar(128) NOT NULL,
    [ActivityInstanceId] nvarchar(128) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [PayloadJson] nvarchar(max) NULL,
    [CorrelationId] nvarchar(256) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [DueAt] datetimeoffset NULL,
    CONSTRAINT [PK_Bookmarks] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Bookmarks_WorkflowInstances_WorkflowInstanceId] FOREIGN KEY ([WorkflowInstanceId]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [HumanTasks] (
    [Id] nvarchar(128) NOT NULL,
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [DefinitionId] nvarchar(128) NOT NULL,
    [ActivityId] nvarchar(128) NOT NULL,
    [ActivityInstanceId] nvarchar(128) NOT NULL,
    [BookmarkId] nvarchar(128) NOT NULL,
    [Title] nvarchar(512) NOT NULL,
    [Description] nvarchar(max) NULL,
    [DataJson] nvarchar(max) NULL,
    [Status] nvarchar(32) NOT NULL,
    [Assignee] nvarchar(256) NULL,
    [CandidateUsersJson] nvarchar(max) NOT NULL,
    [CandidateGroupsJson] nvarchar(max) NOT NULL,
    [OutcomesJson] nvarchar(max) NOT NULL,
    [Priority] int NOT NULL,
    [DueAt] datetimeoffset NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    [CompletedAt] datetimeoffset NULL,
    [Initiator] nvarchar(256) NULL,
    [Outcome] nvarchar(256) NULL,
    [Comment] nvarchar(max) NULL,
    [ResultDataJson] nvarchar(max) NULL,
    [CompletedBy] nvarchar(256) NULL,
    [FormSchemaJson] nvarchar(max) NULL,
    [Revision] bigint NOT NULL,
    CONSTRAINT [PK_HumanTasks] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_HumanTasks_WorkflowInstances_WorkflowInstanceId] FOREIGN KEY ([WorkflowInstanceId]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [JournalEntries] (
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [Sequence] bigint NOT NULL,
    [Timestamp] datetimeoffset NOT NULL,
    [EventName] nvarchar(256) NOT NULL,
    [ActivityId] nvarchar(128) NULL,
    [ActivityType] nvarchar(256) NULL,
    [Message] nvarchar(max) NULL,
    [PayloadJson] nvarchar(max) NULL,
    CONSTRAINT [PK_JournalEntries] PRIMARY KEY ([WorkflowInstanceId], [Sequence]),
    CONSTRAINT [FK_JournalEntries_WorkflowInstances_WorkflowInstanceId] FOREIGN KEY ([WorkflowInstanceId]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [WorkflowInstanceStates] (
    [Id] nvarchar(128) NOT NULL,
    [StateJson] nvarchar(max) NOT NULL,
    CONSTRAINT [PK_WorkflowInstanceStates] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_WorkflowInstanceStates_WorkflowInstances_Id] FOREIGN KEY ([Id]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [Timers] (
    [Id] nvarchar(128) NOT NULL,
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [BookmarkId] nvarchar(128) NOT NULL,
    [DueAt] datetimeoffset NOT NULL,
    [ClaimedUntil] datetimeoffset NULL,
    CONSTRAINT [PK_Timers] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_Timers_Bookmarks_BookmarkId] FOREIGN KEY ([BookmarkId]) REFERENCES [Bookmarks] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [HumanTaskCandidates] (
    [TaskId] nvarchar(128) NOT NULL,
    [Kind] nvarchar(32) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    CONSTRAINT [PK_HumanTaskCandidates] PRIMARY KEY ([TaskId], [Kind], [Name]),
    CONSTRAINT [FK_HumanTaskCandidates_HumanTasks_TaskId] FOREIGN KEY ([TaskId]) REFERENCES [HumanTasks] ([Id]) ON DELETE CASCADE
);

CREATE INDEX [IX_Bookmarks_Name_WorkflowInstanceId] ON [Bookmarks] ([Name], [WorkflowInstanceId]);

CREATE INDEX [IX_Bookmarks_WorkflowInstanceId] ON [Bookmarks] ([WorkflowInstanceId]);

CREATE INDEX [IX_HumanTaskCandidates_Kind_Name_TaskId] ON [HumanTaskCandidates] ([Kind], [Name], [TaskId]);

CREATE INDEX [IX_HumanTasks_ActivityInstanceId] ON [HumanTasks] ([ActivityInstanceId]);

CREATE INDEX [IX_HumanTasks_Assignee_Status] ON [HumanTasks] ([Assignee], [Status]);

CREATE INDEX [IX_HumanTasks_Status_Priority_CreatedAt] ON [HumanTasks] ([Status], [Priority], [CreatedAt]);

CREATE INDEX [IX_HumanTasks_WorkflowInstanceId] ON [HumanTasks] ([WorkflowInstanceId]);

CREATE INDEX [IX_Timers_BookmarkId] ON [Timers] ([BookmarkId]);

CREATE INDEX [IX_Timers_DueAt] ON [Timers] ([DueAt]);

CREATE INDEX [IX_Timers_WorkflowInstanceId] ON [Timers] ([WorkflowInstanceId]);

CREATE INDEX [IX_WorkflowDefinitions_DefinitionId_IsLatest] ON [WorkflowDefinitions] ([DefinitionId], [IsLatest]);

CREATE INDEX [IX_WorkflowDefinitions_DefinitionId_IsPublished] ON [WorkflowDefinitions] ([DefinitionId], [IsPublished]);

CREATE UNIQUE INDEX [IX_WorkflowDefinitions_DefinitionId_Version] ON [WorkflowDefinitions] ([DefinitionId], [Version]);

CREATE INDEX [IX_WorkflowDefinitions_IsLatest_CreatedAt] ON [WorkflowDefinitions] ([IsLatest], [CreatedAt]);

CREATE INDEX [IX_WorkflowDefinitions_IsPublished_CreatedAt] ON [WorkflowDefinitions] ([IsPublished], [CreatedAt]);

CREATE INDEX [IX_WorkflowInstances_CorrelationId] ON [WorkflowInstances] ([CorrelationId]);

CREATE INDEX [IX_WorkflowInstances_CreatedAt] ON [WorkflowInstances] ([CreatedAt]);

CREATE INDEX [IX_WorkflowInstances_DefinitionId] ON [WorkflowInstances] ([DefinitionId]);

CREATE INDEX [IX_WorkflowInstances_Initiator] ON [WorkflowInstances] ([Initiator]);

CREATE INDEX [IX_WorkflowInstances_Status_CreatedAt] ON [WorkflowInstances] ([Status], [CreatedAt]);

CREATE INDEX [IX_WorkflowInstances_SubStatus] ON [WorkflowInstances] ([SubStatus]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261204212040_Initial', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
ALTER TABLE [HumanTasks] ADD [OverdueAt] datetimeoffset NULL;

CREATE TABLE [ApiKeys] (
    [Id] nvarchar(128) NOT NULL,
    [Name] nvarchar(128) NOT NULL,
    [Hash] nvarchar(64) NOT NULL,
    [GroupsJson] nvarchar(max) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [CreatedBy] nvarchar(256) NOT NULL,
    [ExpiresAt] datetimeoffset NULL,
    [RevokedAt] datetimeoffset NULL,
    [RevokedBy] nvarchar(256) NULL,
    CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
);

CREATE TABLE [AuditRecords] (
    [Id] nvarchar(128) NOT NULL,
    [Timestamp] datetimeoffset NOT NULL,
    [Actor] nvarchar(256) NOT NULL,
    [Action] nvarchar(32) NOT NULL,
    [EntityType] nvarchar(32) NOT NULL,
    [EntityId] nvarchar(128) NOT NULL,
    [DefinitionId] nvarchar(128) NULL,
    [Version] int NULL,
    [Detail] nvarchar(512) NULL,
    CONSTRAINT [PK_AuditRecords] PRIMARY KEY ([Id])
);

CREATE TABLE [ConsumedMessages] (
    [MessageId] nvarchar(128) NOT NULL,
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [ConsumedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_ConsumedMessages] PRIMARY KEY ([MessageId], [WorkflowInstanceId]),
    CONSTRAINT [FK_ConsumedMessages_WorkflowInstances_WorkflowInstanceId] FOREIGN KEY ([WorkflowInstanceId]) REFERENCES [WorkflowInstances] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [HttpTriggers] (
    [Id] nvarchar(128) NOT NULL,
    [DefinitionId] nvarchar(128) NOT NULL,
    [VersionId] nvarchar(128) NOT NULL,
    [ActivityId] nvarchar(512) NOT NULL,
    [Method] nvarchar(32) NOT NULL,
    [Path] nvarchar(400) NOT NULL,
    [RouteKey] nvarchar(400) NOT NULL,
    [Authorize] bit NOT NULL,
    [Policy] nvarchar(256) NULL,
    CONSTRAINT [PK_HttpTriggers] PRIMARY KEY ([Id])
);

CREATE TABLE [IdempotencyKeys] (
    [Id] nvarchar(64) NOT NULL,
    [Scope] nvarchar(512) NOT NULL,
    [Caller] nvarchar(256) NOT NULL,
    [Key] nvarchar(200) NOT NULL,
    [RequestHash] nvarchar(64) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [ExpiresAt] datetimeoffset NOT NULL,
    [StatusCode] int NULL,
    [ContentType] nvarchar(256) NULL,
    [HeadersJson] nvarchar(max) NULL,
    [Body] nvarchar(max) NULL,
    [WorkflowInstanceId] nvarchar(128) NULL,
    CONSTRAINT [PK_IdempotencyKeys] PRIMARY KEY ([Id])
);

CREATE TABLE [OutboxMessages] (
    [Id] nvarchar(128) NOT NULL,
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [MessageType] nvarchar(256) NOT NULL,
    [CorrelationId] nvarchar(256) NULL,
    [PayloadJson] nvarchar(max) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [ClaimedUntil] datetimeoffset NULL,
    CONSTRAINT [PK_OutboxMessages] PRIMARY KEY ([Id])
);

CREATE TABLE [RefreshTokens] (
    [Id] nvarchar(128) NOT NULL,
    [TokenHash] nvarchar(64) NOT NULL,
    [FamilyId] nvarchar(128) NOT NULL,
    [UserName] nvarchar(256) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [ExpiresAt] datetimeoffset NOT NULL,
    [UsedAt] datetimeoffset NULL,
    [RevokedAt] datetimeoffset NULL,
    CONSTRAINT [PK_RefreshTokens] PRIMARY KEY ([Id])
);

CREATE TABLE [WorkflowInstanceLeases] (
    [InstanceId] nvarchar(128) NOT NULL,
    [OwnerId] nvarchar(256) NOT NULL,
    [ExpiresAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_WorkflowInstanceLeases] PRIMARY KEY ([InstanceId])
);

CREATE UNIQUE INDEX [IX_ApiKeys_Hash] ON [ApiKeys] ([Hash]);

CREATE UNIQUE INDEX [IX_ApiKeys_Name] ON [ApiKeys] ([Name]);

CREATE INDEX [IX_AuditRecords_Actor_Timestamp] ON [AuditRecords] ([Actor], [Timestamp]);

CREATE INDEX [IX_AuditRecords_EntityType_EntityId_Timestamp] ON [AuditRecords] ([EntityType], [EntityId], [Timestamp]);

CREATE INDEX [IX_AuditRecords_Timestamp] ON [AuditRecords] ([Timestamp]);

CREATE INDEX [IX_ConsumedMessages_WorkflowInstanceId] ON [ConsumedMessages] ([WorkflowInstanceId]);

CREATE INDEX [IX_HttpTriggers_DefinitionId] ON [HttpTriggers] ([DefinitionId]);

CREATE UNIQUE INDEX [IX_HttpTriggers_Method_RouteKey] ON [HttpTriggers] ([Method], [RouteKey]);

CREATE INDEX [IX_IdempotencyKeys_ExpiresAt] ON [IdempotencyKeys] ([ExpiresAt]);

CREATE INDEX [IX_OutboxMessages_CreatedAt] ON [OutboxMessages] ([CreatedAt]);

CREATE INDEX [IX_RefreshTokens_ExpiresAt] ON [RefreshTokens] ([ExpiresAt]);

CREATE INDEX [IX_RefreshTokens_FamilyId] ON [RefreshTokens] ([FamilyId]);

CREATE UNIQUE INDEX [IX_RefreshTokens_TokenHash] ON [RefreshTokens] ([TokenHash]);

CREATE INDEX [IX_WorkflowInstanceLeases_ExpiresAt] ON [WorkflowInstanceLeases] ([ExpiresAt]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261204235711_ProductionRuntime', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
DROP INDEX [IX_HumanTasks_Assignee_Status] ON [HumanTasks];

ALTER TABLE [HumanTasks] ADD [ApprovalPolicyJson] nvarchar(max) NULL;

ALTER TABLE [HumanTasks] ADD [ApprovalStep] int NOT NULL DEFAULT 0;

ALTER TABLE [HumanTasks] ADD [BusinessAdministratorsJson] nvarchar(max) NOT NULL DEFAULT N'';

ALTER TABLE [HumanTasks] ADD [DelegationState] nvarchar(32) NULL;

ALTER TABLE [HumanTasks] ADD [DraftDataJson] nvarchar(max) NULL;

ALTER TABLE [HumanTasks] ADD [EscalatedAt] datetimeoffset NULL;

ALTER TABLE [HumanTasks] ADD [ExcludeInitiator] bit NOT NULL DEFAULT CAST(0 AS bit);

ALTER TABLE [HumanTasks] ADD [ExcludePreviousApprovers] bit NOT NULL DEFAULT CAST(0 AS bit);

ALTER TABLE [HumanTasks] ADD [ExcludedUsersJson] nvarchar(max) NOT NULL DEFAULT N'';

ALTER TABLE [HumanTasks] ADD [FollowUpAt] datetimeoffset NULL;

ALTER TABLE [HumanTasks] ADD [Owner] nvarchar(256) NULL;

ALTER TABLE [HumanTasks] ADD [Skippable] bit NOT NULL DEFAULT CAST(0 AS bit);

ALTER TABLE [HumanTasks] ADD [SuspendedFrom] nvarchar(32) NULL;

ALTER TABLE [HumanTasks] ADD [UiSchemaJson] nvarchar(max) NULL;

ALTER TABLE [HumanTaskCandidates] ADD [IsInactive] bit NOT NULL DEFAULT CAST(0 AS bit);

CREATE TABLE [HumanTaskAttachments] (
    [Id] nvarchar(128) NOT NULL,
    [TaskId] nvarchar(128) NOT NULL,
    [FileName] nvarchar(256) NOT NULL,
    [ContentType] nvarchar(256) NOT NULL,
    [Size] bigint NOT NULL,
    [UploadedBy] nvarchar(256) NOT NULL,
    [OnBehalfOf] nvarchar(256) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [Content] varbinary(max) NOT NULL,
    CONSTRAINT [PK_HumanTaskAttachments] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_HumanTaskAttachments_HumanTasks_TaskId] FOREIGN KEY ([TaskId]) REFERENCES [HumanTasks] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [HumanTaskComments] (
    [Id] nvarchar(128) NOT NULL,
    [TaskId] nvarchar(128) NOT NULL,
    [Author] nvarchar(256) NOT NULL,
    [OnBehalfOf] nvarchar(256) NULL,
    [Text] nvarchar(max) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_HumanTaskComments] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_HumanTaskComments_HumanTasks_TaskId] FOREIGN KEY ([TaskId]) REFERENCES [HumanTasks] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [HumanTaskHistory] (
    [Id] nvarchar(128) NOT NULL,
    [TaskId] nvarchar(128) NOT NULL,
    [WorkflowInstanceId] nvarchar(128) NOT NULL,
    [Action] nvarchar(32) NOT NULL,
    [Actor] nvarchar(256) NOT NULL,
    [OnBehalfOf] nvarchar(256) NULL,
    [At] datetimeoffset NOT NULL,
    [StatusBefore] nvarchar(32) NULL,
    [StatusAfter] nvarchar(32) NOT NULL,
    [DetailsJson] nvarchar(max) NULL,
    CONSTRAINT [PK_HumanTaskHistory] PRIMARY KEY ([Id]),
    CONSTRAINT [FK_HumanTaskHistory_HumanTasks_TaskId] FOREIGN KEY ([TaskId]) REFERENCES [HumanTasks] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [HumanTaskVariables] (
    [TaskId] nvarchar(128) NOT NULL,
    [Name] nvarchar(200) NOT NULL,
    [ValueText] nvarchar(400) NOT NULL,
    [NormalizedText] nvarchar(400) NOT NULL,
    [IsInactive] bit NOT NULL,
    CONSTRAINT [PK_HumanTaskVariables] PRIMARY KEY ([TaskId], [Name]),
    CONSTRAINT [FK_HumanTaskVariables_HumanTasks_TaskId] FOREIGN KEY ([TaskId]) REFERENCES [HumanTasks] ([Id]) ON DELETE CASCADE
);

CREATE TABLE [NotificationDeliveries] (
    [Id] nvarchar(512) NOT NULL,
    [EventId] nvarchar(128) NOT NULL,
    [Channel] nvarchar(32) NOT NULL,
    [Target] nvarchar(256) NOT NULL,
    [PayloadJson] nvarchar(max) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [Attempts] int NOT NULL,
    [NextAttemptAt] datetimeoffset NOT NULL,
    [ClaimedUntil] datetimeoffset NULL,
    [DeliveredAt] datetimeoffset NULL,
    [FailedAt] datetimeoffset NULL,
    [LastError] nvarchar(2000) NULL,
    CONSTRAINT [PK_NotificationDeliveries] PRIMARY KEY ([Id])
);

CREATE TABLE [SavedTaskFilters] (
    [Id] nvarchar(128) NOT NULL,
    [Owner] nvarchar(256) NOT NULL,
    [Name] nvarchar(256) NOT NULL,
    [FilterJson] nvarchar(max) NOT NULL,
    [Sort] nvarchar(32) NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    [UpdatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_SavedTaskFilters] PRIMARY KEY ([Id])
);

CREATE TABLE [SubstituteRules] (
    [Id] nvarchar(128) NOT NULL,
    [User] nvarchar(256) NOT NULL,
    [Substitute] nvarchar(256) NOT NULL,
    [From] datetimeoffset NOT NULL,
    [To] datetimeoffset NOT NULL,
    [CreatedBy] nvarchar(256) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_SubstituteRules] PRIMARY KEY ([Id])
);

CREATE INDEX [IX_HumanTasks_Assignee_Status] ON [HumanTasks] ([Assignee], [Status]) WHERE "Assignee" IS NOT NULL;

CREATE INDEX [IX_HumanTasks_CreatedAt_Id] ON [HumanTasks] ([CreatedAt], [Id]);

CREATE INDEX [IX_HumanTasks_DueAt_Id] ON [HumanTasks] ([DueAt], [Id]);

CREATE INDEX [IX_HumanTasks_Owner] ON [HumanTasks] ([Owner]) WHERE "Owner" IS NOT NULL;

CREATE INDEX [IX_HumanTaskCandidates_Kind_Name_IsInactive_TaskId] ON [HumanTaskCandidates] ([Kind], [Name], [IsInactive], [TaskId]);

CREATE INDEX [IX_HumanTaskAttachments_TaskId_CreatedAt] ON [HumanTaskAttachments] ([TaskId], [CreatedAt]);

CREATE INDEX [IX_HumanTaskComments_TaskId_CreatedAt] ON [HumanTaskComments] ([TaskId], [CreatedAt]);

CREATE INDEX [IX_HumanTaskHistory_TaskId_At_Id] ON [HumanTaskHistory] ([TaskId], [At], [Id]);

CREATE INDEX [IX_HumanTaskVariables_Name_IsInactive_ValueText_TaskId] ON [HumanTaskVariables] ([Name], [IsInactive], [ValueText], [TaskId]);

CREATE INDEX [IX_NotificationDeliveries_EventId] ON [NotificationDeliveries] ([EventId]);

CREATE INDEX [IX_NotificationDeliveries_NextAttemptAt] ON [NotificationDeliveries] ([NextAttemptAt]);

CREATE UNIQUE INDEX [IX_SavedTaskFilters_Owner_Name] ON [SavedTaskFilters] ([Owner], [Name]);

CREATE INDEX [IX_SubstituteRules_Substitute_From] ON [SubstituteRules] ([Substitute], [From]);

CREATE INDEX [IX_SubstituteRules_User_From] ON [SubstituteRules] ([User], [From]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261205031230_ReviewerInbox', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE TABLE [KnowledgeChunks] (
    [KnowledgeBase] nvarchar(128) NOT NULL,
    [ChunkId] nvarchar(256) NOT NULL,
    [DocumentId] nvarchar(256) NOT NULL,
    [ChunkIndex] int NOT NULL,
    [Text] nvarchar(max) NOT NULL,
    [MetadataJson] nvarchar(max) NULL,
    [Vector] varbinary(max) NOT NULL,
    [CreatedAt] datetimeoffset NOT NULL,
    CONSTRAINT [PK_KnowledgeChunks] PRIMARY KEY ([KnowledgeBase], [ChunkId])
);

CREATE INDEX [IX_KnowledgeChunks_KnowledgeBase_DocumentId] ON [KnowledgeChunks] ([KnowledgeBase], [DocumentId]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261205072205_KnowledgeChunks', N'10.0.15');

COMMIT;
GO

BEGIN TRANSACTION;
CREATE INDEX [IX_JournalEntries_EventName_Timestamp] ON [JournalEntries] ([EventName], [Timestamp]);

INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
VALUES (N'20261205111822_DashboardJournalIndex', N'10.0.15');

COMMIT;
GO

