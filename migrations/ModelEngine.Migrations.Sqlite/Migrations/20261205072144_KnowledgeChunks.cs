using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class KnowledgeChunks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KnowledgeChunks",
                columns: table => new
                {
                    KnowledgeBase = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ChunkId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DocumentId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChunkIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    MetadataJson = table.Column<string>(type: "TEXT", nullable: true),
                    Vector = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeChunks", x => new { x.KnowledgeBase, x.ChunkId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeChunks_KnowledgeBase_DocumentId",
                table: "KnowledgeChunks",
                columns: new[] { "KnowledgeBase", "DocumentId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KnowledgeChunks");
        }
    }
}
