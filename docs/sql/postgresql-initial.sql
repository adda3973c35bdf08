CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;
CREATE TABLE "WorkflowDefinitions" (
    "Id" character varying(128) NOT NULL,
    "DefinitionId" character varying(128) NOT NULL,
    "Version" integer NOT NULL,
    "Name" character varying(256),
    "Description" text,
    "IsLatest" boolean NOT NULL,
    "IsPublished" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(256),
    "ModelJson" text NOT NULL,
    CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY ("Id")
);

CREATE TABLE "WorkflowInstances" (
    "Id" character varying(128) NOT NULL,
    "DefinitionId" character varying(128) NOT NULL,
    "DefinitionVersionId" character varying(128) NOT NULL,
    "Version" integer NOT NULL,
    "Status" character varying(32) NOT NULL,
    "SubStatus" character varying(32) NOT NULL,
    "CorrelationId" character varying(256),
    "Name" character varying(256),
    "Initiator" character varying(256),
    "IncidentCount" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "Revision" bigint NOT NULL,
    CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY ("Id")
);

CREATE TABLE "Bookmarks" (
    "Id" character varying(128) NOT NULL,
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "ActivityId" character varying(128) NOT NULL,
    "ActivityInstanceId" character varying(128) NOT NULL,
    "Name" character varying(256) NOT NULL,
    "PayloadJson" text,
    "CorrelationId" character varying(256),
    "CreatedAt" timestamp with time zone NOT NULL,
    "DueAt" timestamp with time zone,
    CONSTRAINT "PK_Bookmarks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Bookmarks_WorkflowInstances_WorkflowInstanceId" FOREIGN KEY ("WorkflowInstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HumanTasks" (
    "Id" character varying(128) NOT NULL,
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "DefinitionId" character varying(128) NOT NULL,
    "ActivityId" character varying(128) NOT NULL,
    "ActivityInstanceId" character varying(128) NOT NULL,
    "BookmarkId" character varying(128) NOT NULL,
    "Title" character varying(512) NOT NULL,
    "Description" text,
    "DataJson" text,
    "Status" character varying(32) NOT NULL,
    "Assignee" character varying(256),
    "CandidateUsersJson" text NOT NULL,
    "CandidateGroupsJson" text NOT NULL,
    "OutcomesJson" text NOT NULL,
    "Priority" integer NOT NULL,
    "DueAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    "Initiator" character varying(256),
    "Outcome" character varying(256),
    "Comment" text,
    "ResultDataJson" text,
    "CompletedBy" character varying(256),
    "FormSchemaJson" text,
    "Revision" bigint NOT NULL,
    CONSTRAINT "PK_HumanTasks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_HumanTasks_WorkflowInstances_WorkflowInstanceId" FOREIGN KEY ("WorkflowInstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "JournalEntries" (
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "Sequence" bigint NOT NULL,
    "Timestamp" timestamp with time zone NOT NULL,
    "EventName" character varying(256) NOT NULL,
    "ActivityId" character varying(128),
    "ActivityType" character varying(256),
    "Message" text,
    "PayloadJson" text,
    CONSTRAINT "PK_JournalEntries" PRIMARY KEY ("WorkflowInstanceId", "Sequence"),
    CONSTRAINT "FK_JournalEntries_WorkflowInstances_WorkflowInstanceId" FOREIGN KEY ("WorkflowInstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WorkflowInstanceStates" (
    "Id" character varying(128) NOT NULL,
    "StateJson" text NOT NULL,
    CONSTRAINT "PK_WorkflowInstanceStates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkflowInstanceStates_WorkflowInstances_Id" FOREIGN KEY ("Id") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Timers" (
    "Id" character varying(128) NOT NULL,
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "BookmarkId" character varying(128) NOT NULL,
    "DueAt" timestamp with time zone NOT NULL,
    "ClaimedUntil" timestamp with time zone,
    CONSTRAINT "PK_Timers" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Timers_Bookmarks_BookmarkId" FOREIGN KEY ("BookmarkId") REFERENCES "Bookmarks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HumanTaskCandidates" (
    "TaskId" character varying(128) NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "Name" character varying(256) NOT NULL,
    CONSTRAINT "PK_HumanTaskCandidates" PRIMARY KEY ("TaskId", "Kind", "Name"),
    CONSTRAINT "FK_HumanTaskCandidates_HumanTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "HumanTasks" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Bookmarks_Name_WorkflowInstanceId" ON "Bookmarks" ("Name", "WorkflowInstanceId");

CREATE INDEX "IX_Bookmarks_WorkflowInstanceId" ON "Bookmarks" ("WorkflowInstanceId");

CREATE INDEX "IX_HumanTaskCandidates_Kind_Name_TaskId" ON "HumanTaskCandidates" ("Kind", "Name", "TaskId");

CREATE INDEX "IX_HumanTasks_ActivityInstanceId" ON "HumanTasks" ("ActivityInstanceId");

CREATE INDEX "IX_HumanTasks_Assignee_Status" ON "HumanTasks" ("Assignee", "Status");

CREATE INDEX "IX_HumanTasks_Status_Priority_CreatedAt" ON "HumanTasks" ("Status", "Priority", "CreatedAt");

CREATE INDEX "IX_HumanTasks_WorkflowInstanceId" ON "HumanTasks" ("WorkflowInstanceId");

CREATE INDEX "IX_Timers_BookmarkId" ON "Timers" ("BookmarkId");

CREATE INDEX "IX_Timers_DueAt" ON "Timers" ("DueAt");

CREATE INDEX "IX_Timers_WorkflowInstanceId" ON "Timers" ("WorkflowInstanceId");

CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsLatest" ON "WorkflowDefinitions" ("DefinitionId", "IsLatest");

CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsPublished" ON "WorkflowDefinitions" ("DefinitionId", "IsPublished");

CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");

CREATE INDEX "IX_WorkflowDefinitions_IsLatest_CreatedAt" ON "WorkflowDefinitions" ("IsLatest", "CreatedAt");

CREATE INDEX "IX_WorkflowDefinitions_IsPublished_CreatedAt" ON "WorkflowDefinitions" ("IsPublished", "CreatedAt");

CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");

CREATE INDEX "IX_WorkflowInstances_CreatedAt" ON "WorkflowInstances" ("CreatedAt");

CREATE INDEX "IX_WorkflowInstances_DefinitionId" ON "WorkflowInstances" ("DefinitionId");

CREATE INDEX "IX_WorkflowInstances_Initiator" ON "WorkflowInstances" ("Initiator");

CREATE INDEX "IX_WorkflowInstances_Status_CreatedAt" ON "WorkflowInstances" ("Status", "CreatedAt");

CREATE INDEX "IX_WorkflowInstances_SubStatus" ON "WorkflowInstances" ("SubStatus");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204212023_Initial', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE "HumanTasks" ADD "OverdueAt" timestamp with time zone;

CREATE TABLE "ApiKeys" (
    "Id" character varying(128) NOT NULL,
    "Name" character varying(128) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "GroupsJson" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(256) NOT NULL,
    "ExpiresAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "RevokedBy" character varying(256),
    CONSTRAINT "PK_ApiKeys" PRIMARY KEY ("Id")
);

CREATE TABLE "AuditRecords" (
    "Id" character varying(128) NOT NULL,
    "Timestamp" timestamp with time zone NOT NULL,
    "Actor" character varying(256) NOT NULL,
    "Action" character varying(32) NOT NULL,
    "EntityType" character varying(32) NOT NULL,
    "EntityId" character varying(128) NOT NULL,
    "DefinitionId" character varying(128),
    "Version" integer,
    "Detail" character varying(512),
    CONSTRAINT "PK_AuditRecords" PRIMARY KEY ("Id")
);

CREATE TABLE "ConsumedMessages" (
    "MessageId" character varying(128) NOT NULL,
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "ConsumedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ConsumedMessages" PRIMARY KEY ("MessageId", "WorkflowInstanceId"),
    CONSTRAINT "FK_ConsumedMessages_WorkflowInstances_WorkflowInstanceId" FOREIGN KEY ("WorkflowInstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HttpTriggers" (
    "Id" character varying(128) NOT NULL,
    "DefinitionId" character varying(128) NOT NULL,
    "VersionId" character varying(128) NOT NULL,
    "ActivityId" character varying(512) NOT NULL,
    "Method" character varying(32) NOT NULL,
    "Path" character varying(400) NOT NULL,
    "RouteKey" character varying(400) NOT NULL,
    "Authorize" boolean NOT NULL,
    "Policy" character varying(256),
    CONSTRAINT "PK_HttpTriggers" PRIMARY KEY ("Id")
);

CREATE TABLE "IdempotencyKeys" (
    "Id" character varying(64) NOT NULL,
    "Scope" character varying(512) NOT NULL,
    "Caller" character varying(256) NOT NULL,
    "Key" character varying(200) NOT NULL,
    "RequestHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "StatusCode" integer,
    "ContentType" character varying(256),
    "HeadersJson" text,
    "Body" text,
    "WorkflowInstanceId" character varying(128),
    CONSTRAINT "PK_IdempotencyKeys" PRIMARY KEY ("Id")
);

CREATE TABLE "OutboxMessages" (
    "Id" character varying(128) NOT NULL,
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "MessageType" character varying(256) NOT NULL,
    "CorrelationId" character varying(256),
    "PayloadJson" text,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ClaimedUntil" timestamp with time zone,
    CONSTRAINT "PK_OutboxMessages" PRIMARY KEY ("Id")
);

CREATE TABLE "RefreshTokens" (
    "Id" character varying(128) NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "FamilyId" character varying(128) NOT NULL,
    "UserName" character varying(256) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_RefreshTokens" PRIMARY KEY ("Id")
);

CREATE TABLE "WorkflowInstanceLeases" (
    "InstanceId" character varying(128) NOT NULL,
    "OwnerId" character varying(256) NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorkflowInstanceLeases" PRIMARY KEY ("InstanceId")
);

CREATE UNIQUE INDEX "IX_ApiKeys_Hash" ON "ApiKeys" ("Hash");

CREATE UNIQUE INDEX "IX_ApiKeys_Name" ON "ApiKeys" ("Name");

CREATE INDEX "IX_AuditRecords_Actor_Timestamp" ON "AuditRecords" ("Actor", "Timestamp");

CREATE INDEX "IX_AuditRecords_EntityType_EntityId_Timestamp" ON "AuditRecords" ("EntityType", "EntityId", "Timestamp");

CREATE INDEX "IX_AuditRecords_Timestamp" ON "AuditRecords" ("Timestamp");

CREATE INDEX "IX_ConsumedMessages_WorkflowInstanceId" ON "ConsumedMessages" ("WorkflowInstanceId");

CREATE INDEX "IX_HttpTriggers_DefinitionId" ON "HttpTriggers" ("DefinitionId");

CREATE UNIQUE INDEX "IX_HttpTriggers_Method_RouteKey" ON "HttpTriggers" ("Method", "RouteKey");

CREATE INDEX "IX_IdempotencyKeys_ExpiresAt" ON "IdempotencyKeys" ("ExpiresAt");

CREATE INDEX "IX_OutboxMessages_CreatedAt" ON "OutboxMessages" ("CreatedAt");

CREATE INDEX "IX_RefreshTokens_ExpiresAt" ON "RefreshTokens" ("ExpiresAt");

CREATE INDEX "IX_RefreshTokens_FamilyId" ON "RefreshTokens" ("FamilyId");

CREATE UNIQUE INDEX "IX_RefreshTokens_TokenHash" ON "RefreshTokens" ("TokenHash");

CREATE INDEX "IX_WorkflowInstanceLeases_ExpiresAt" ON "WorkflowInstanceLeases" ("ExpiresAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261204235658_ProductionRuntime', '10.0.15');

COMMIT;

START TRANSACTION;
DROP INDEX "IX_HumanTasks_Assignee_Status";

ALTER TABLE "HumanTasks" ADD "ApprovalPolicyJson" text;

ALTER TABLE "HumanTasks" ADD "ApprovalStep" integer NOT NULL DEFAULT 0;

ALTER TABLE "HumanTasks" ADD "BusinessAdministratorsJson" text NOT NULL DEFAULT '';

ALTER TABLE "HumanTasks" ADD "DelegationState" character varying(32);

ALTER TABLE "HumanTasks" ADD "DraftDataJson" text;

ALTER TABLE "HumanTasks" ADD "EscalatedAt" timestamp with time zone;

ALTER TABLE "HumanTasks" ADD "ExcludeInitiator" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "HumanTasks" ADD "ExcludePreviousApprovers" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "HumanTasks" ADD "ExcludedUsersJson" text NOT NULL DEFAULT '';

ALTER TABLE "HumanTasks" ADD "FollowUpAt" timestamp with time zone;

ALTER TABLE "HumanTasks" ADD "Owner" character varying(256);

ALTER TABLE "HumanTasks" ADD "Skippable" boolean NOT NULL DEFAULT FALSE;

ALTER TABLE "HumanTasks" ADD "SuspendedFrom" character varying(32);

ALTER TABLE "HumanTasks" ADD "UiSchemaJson" text;

ALTER TABLE "HumanTaskCandidates" ADD "IsInactive" boolean NOT NULL DEFAULT FALSE;

CREATE TABLE "HumanTaskAttachments" (
    "Id" character varying(128) NOT NULL,
    "TaskId" character varying(128) NOT NULL,
    "FileName" character varying(256) NOT NULL,
    "ContentType" character varying(256) NOT NULL,
    "Size" bigint NOT NULL,
    "UploadedBy" character varying(256) NOT NULL,
    "OnBehalfOf" character varying(256),
    "CreatedAt" timestamp with time zone NOT NULL,
    "Content" bytea NOT NULL,
    CONSTRAINT "PK_HumanTaskAttachments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_HumanTaskAttachments_HumanTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "HumanTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HumanTaskComments" (
    "Id" character varying(128) NOT NULL,
    "TaskId" character varying(128) NOT NULL,
    "Author" character varying(256) NOT NULL,
    "OnBehalfOf" character varying(256),
    "Text" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_HumanTaskComments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_HumanTaskComments_HumanTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "HumanTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HumanTaskHistory" (
    "Id" character varying(128) NOT NULL,
    "TaskId" character varying(128) NOT NULL,
    "WorkflowInstanceId" character varying(128) NOT NULL,
    "Action" character varying(32) NOT NULL,
    "Actor" character varying(256) NOT NULL,
    "OnBehalfOf" character varying(256),
    "At" timestamp with time zone NOT NULL,
    "StatusBefore" character varying(32),
    "StatusAfter" character varying(32) NOT NULL,
    "DetailsJson" text,
    CONSTRAINT "PK_HumanTaskHistory" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_HumanTaskHistory_HumanTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "HumanTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "HumanTaskVariables" (
    "TaskId" character varying(128) NOT NULL,
    "Name" character varying(200) NOT NULL,
    "ValueText" character varying(400) NOT NULL,
    "NormalizedText" character varying(400) NOT NULL,
    "IsInactive" boolean NOT NULL,
    CONSTRAINT "PK_HumanTaskVariables" PRIMARY KEY ("TaskId", "Name"),
    CONSTRAINT "FK_HumanTaskVariables_HumanTasks_TaskId" FOREIGN KEY ("TaskId") REFERENCES "HumanTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "NotificationDeliveries" (
    "Id" character varying(512) NOT NULL,
    "EventId" character varying(128) NOT NULL,
    "Channel" character varying(32) NOT NULL,
    "Target" character varying(256) NOT NULL,
    "PayloadJson" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "NextAttemptAt" timestamp with time zone NOT NULL,
    "ClaimedUntil" timestamp with time zone,
    "DeliveredAt" timestamp with time zone,
    "FailedAt" timestamp with time zone,
    "LastError" character varying(2000),
    CONSTRAINT "PK_NotificationDeliveries" PRIMARY KEY ("Id")
);

CREATE TABLE "SavedTaskFilters" (
    "Id" character varying(128) NOT NULL,
    "Owner" character varying(256) NOT NULL,
    "Name" character varying(256) NOT NULL,
    "FilterJson" text NOT NULL,
    "Sort" character varying(32),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SavedTaskFilters" PRIMARY KEY ("Id")
);

CREATE TABLE "SubstituteRules" (
    "Id" character varying(128) NOT NULL,
    "User" character varying(256) NOT NULL,
    "Substitute" character varying(256) NOT NULL,
    "From" timestamp with time zone NOT NULL,
    "To" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(256) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_SubstituteRules" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_HumanTasks_Assignee_Status" ON "HumanTasks" ("Assignee", "Status") WHERE "Assignee" IS NOT NULL;

CREATE INDEX "IX_HumanTasks_CreatedAt_Id" ON "HumanTasks" ("CreatedAt", "Id");

CREATE INDEX "IX_HumanTasks_DueAt_Id" ON "HumanTasks" ("DueAt", "Id");

CREATE INDEX "IX_HumanTasks_Owner" ON "HumanTasks" ("Owner") WHERE "Owner" IS NOT NULL;

CREATE INDEX "IX_HumanTaskCandidates_Kind_Name_IsInactive_TaskId" ON "HumanTaskCandidates" ("Kind", "Name", "IsInactive", "TaskId");

CREATE INDEX "IX_HumanTaskAttachments_TaskId_CreatedAt" ON "HumanTaskAttachments" ("TaskId", "CreatedAt");

CREATE INDEX "IX_HumanTaskComments_TaskId_CreatedAt" ON "HumanTaskComments" ("TaskId", "CreatedAt");

CREATE INDEX "IX_HumanTaskHistory_TaskId_At_Id" ON "HumanTaskHistory" ("TaskId", "At", "Id");

CREATE INDEX "IX_HumanTaskVariables_Name_IsInactive_ValueText_TaskId" ON "HumanTaskVariables" ("Name", "IsInactive", "ValueText", "TaskId");

CREATE INDEX "IX_NotificationDeliveries_EventId" ON "NotificationDeliveries" ("EventId");

CREATE INDEX "IX_NotificationDeliveries_NextAttemptAt" ON "NotificationDeliveries" ("NextAttemptAt");

CREATE UNIQUE INDEX "IX_SavedTaskFilters_Owner_Name" ON "SavedTaskFilters" ("Owner", "Name");

CREATE INDEX "IX_SubstituteRules_Substitute_From" ON "SubstituteRules" ("Substitute", "From");

CREATE INDEX "IX_SubstituteRules_User_From" ON "SubstituteRules" ("User", "From");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205031226_ReviewerInbox', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE "KnowledgeChunks" (
    "KnowledgeBase" character varying(128) NOT NULL,
    "ChunkId" character varying(256) NOT NULL,
    "DocumentId" character varying(256) NOT NULL,
    "ChunkIndex" integer NOT NULL,
    "Text" text NOT NULL,
    "MetadataJson" text,
    "Vector" bytea NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_KnowledgeChunks" PRIMARY KEY ("KnowledgeBase", "ChunkId")
);

CREATE INDEX "IX_KnowledgeChunks_KnowledgeBase_DocumentId" ON "KnowledgeChunks" ("KnowledgeBase", "DocumentId");

ALTER TABLE "KnowledgeChunks" ADD COLUMN "SearchVector" tsvector, ADD COLUMN "Embedding" real[];

CREATE INDEX "IX_KnowledgeChunks_SearchVector" ON "KnowledgeChunks" USING GIN ("SearchVector");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205072157_KnowledgeChunks', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE INDEX "IX_JournalEntries_EventName_Timestamp" ON "JournalEntries" ("EventName", "Timestamp");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205111752_DashboardJournalIndex', '10.0.15');

COMMIT;

