using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DashboardJournalIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_JournalEntries_EventName_Timestamp",
                table: "JournalEntries",
                columns: new[] { "EventName", "Timestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JournalEntries_EventName_Timestamp",
                table: "JournalEntries");
        }
    }
}
