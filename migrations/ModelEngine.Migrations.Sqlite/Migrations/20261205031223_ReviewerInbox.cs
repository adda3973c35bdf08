using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReviewerInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Assignee_Status",
                table: "HumanTasks");

            migrationBuilder.AddColumn<string>(
                name: "ApprovalPolicyJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ApprovalStep",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "BusinessAdministratorsJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DelegationState",
                table: "HumanTasks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftDataJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EscalatedAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ExcludeInitiator",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ExcludePreviousApprovers",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ExcludedUsersJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "FollowUpAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "HumanTasks",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Skippable",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SuspendedFrom",
                table: "HumanTasks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UiSchemaJson",
                table: "HumanTasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsInactive",
                table: "HumanTaskCandidates",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HumanTaskAttachments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OnBehalfOf = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HumanTaskAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HumanTaskAttachments_HumanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "HumanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HumanTaskComments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OnBehalfOf = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HumanTaskComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HumanTaskComments_HumanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "HumanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HumanTaskHistory",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    WorkflowInstanceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OnBehalfOf = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusBefore = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    StatusAfter = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DetailsJson = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HumanTaskHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HumanTaskHistory_HumanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "HumanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HumanTaskVariables",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ValueText = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    NormalizedText = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsInactive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HumanTaskVariables", x => new { x.TaskId, x.Name });
                    table.ForeignKey(
                        name: "FK_HumanTaskVariables_HumanTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "HumanTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NotificationDeliveries",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    DeliveredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SavedTaskFilters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FilterJson = table.Column<string>(type: "TEXT", nullable: false),
                    Sort = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedTaskFilters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubstituteRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Substitute = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    From = table.Column<long>(type: "INTEGER", nullable: false),
                    To = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubstituteRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Assignee_Status",
                table: "HumanTasks",
                columns: new[] { "Assignee", "Status" },
                filter: "\"Assignee\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_CreatedAt_Id",
                table: "HumanTasks",
                columns: new[] { "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_DueAt_Id",
                table: "HumanTasks",
                columns: new[] { "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Owner",
                table: "HumanTasks",
                column: "Owner",
                filter: "\"Owner\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_HumanTaskCandidates_Kind_Name_IsInactive_TaskId",
                table: "HumanTaskCandidates",
                columns: new[] { "Kind", "Name", "IsInactive", "TaskId" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTaskAttachments_TaskId_CreatedAt",
                table: "HumanTaskAttachments",
                columns: new[] { "TaskId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTaskComments_TaskId_CreatedAt",
                table: "HumanTaskComments",
                columns: new[] { "TaskId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTaskHistory_TaskId_At_Id",
                table: "HumanTaskHistory",
                columns: new[] { "TaskId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTaskVariables_Name_IsInactive_ValueText_TaskId",
                table: "HumanTaskVariables",
                columns: new[] { "Name", "IsInactive", "ValueText", "TaskId" });

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_EventId",
                table: "NotificationDeliveries",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationDeliveries_NextAttemptAt",
                table: "NotificationDeliveries",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_SavedTaskFilters_Owner_Name",
                table: "SavedTaskFilters",
                columns: new[] { "Owner", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubstituteRules_Substitute_From",
                table: "SubstituteRules",
                columns: new[] { "Substitute", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_SubstituteRules_User_From",
                table: "SubstituteRules",
                columns: new[] { "User", "From" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HumanTaskAttachments");

            migrationBuilder.DropTable(
                name: "HumanTaskComments");

            migrationBuilder.DropTable(
                name: "HumanTaskHistory");

            migrationBuilder.DropTable(
                name: "HumanTaskVariables");

            migrationBuilder.DropTable(
                name: "NotificationDeliveries");

            migrationBuilder.DropTable(
                name: "SavedTaskFilters");

            migrationBuilder.DropTable(
                name: "SubstituteRules");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Assignee_Status",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_CreatedAt_Id",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_DueAt_Id",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Owner",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTaskCandidates_Kind_Name_IsInactive_TaskId",
                table: "HumanTaskCandidates");

            migrationBuilder.DropColumn(
                name: "ApprovalPolicyJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "ApprovalStep",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "BusinessAdministratorsJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "DelegationState",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "DraftDataJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "ExcludeInitiator",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "ExcludePreviousApprovers",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "ExcludedUsersJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "FollowUpAt",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "Skippable",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "SuspendedFrom",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "UiSchemaJson",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "IsInactive",
                table: "HumanTaskCandidates");

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Assignee_Status",
                table: "HumanTasks",
                columns: new[] { "Assignee", "Status" });
        }
    }
}
