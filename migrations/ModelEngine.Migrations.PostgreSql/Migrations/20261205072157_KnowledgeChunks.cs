using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ModelEngine.Migrations.PostgreSql.Migrations
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
                    KnowledgeBase = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ChunkId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DocumentId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChunkIndex = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    MetadataJson = table.Column<string>(type: "text", nullable: true),
                    Vector = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KnowledgeChunks", x => new { x.KnowledgeBase, x.ChunkId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_KnowledgeChunks_KnowledgeBase_DocumentId",
                table: "KnowledgeChunks",
                columns: new[] { "KnowledgeBase", "DocumentId" });

            // The PostgreSQL knowledge bases search these columns: a tsvector under a GIN index for full-text search
            // and a real[] for the embedding. EF Core does not map them, so SQLite and SQL Server keep the plain table.
            migrationBuilder.Sql("""
                ALTER TABLE "KnowledgeChunks" ADD COLUMN "SearchVector" tsvector, ADD COLUMN "Embedding" real[];
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_KnowledgeChunks_SearchVector" ON "KnowledgeChunks" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KnowledgeChunks");
        }
    }
}
