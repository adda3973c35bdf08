using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TaskSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Assignee_Status",
                table: "HumanTasks");

            migrationBuilder.AddColumn<bool>(
                name: "IsInactive",
                table: "HumanTaskCandidates",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HumanTaskVariables",
                columns: table => new
                {
                    TaskId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ValueText = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    NormalizedText = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false)
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
                name: "SavedTaskFilters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Owner = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    FilterJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Sort = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedTaskFilters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubstituteRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    User = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Substitute = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    From = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    To = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                name: "IX_HumanTaskVariables_Name_ValueText_TaskId",
                table: "HumanTaskVariables",
                columns: new[] { "Name", "ValueText", "TaskId" });

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
                name: "HumanTaskVariables");

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
                name: "IsInactive",
                table: "HumanTaskCandidates");

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Assignee_Status",
                table: "HumanTasks",
                columns: new[] { "Assignee", "Status" });
        }
    }
}
