using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TaskOverdueAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OverdueAt",
                table: "HumanTasks",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OverdueAt",
                table: "HumanTasks");
        }
    }
}
