using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TaskOverdueAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OverdueAt",
                table: "HumanTasks",
                type: "datetimeoffset",
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
