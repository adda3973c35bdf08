using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.HttpTriggers;
using ModelEngine.Workflows.Activities.Http;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.HttpTriggers;

internal sealed class HttpTriggerConfiguration : IEntityTypeConfiguration<HttpTriggerEntity>
{
    public void Configure(EntityTypeBuilder<HttpTriggerEntity> builder)
    {
        builder.ToTable("HttpTriggers");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.DefinitionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.VersionId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.ActivityId).HasMaxLength(ColumnLengths.Title);
        builder.Property(e => e.Method).HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.Path).HasMaxLength(HttpRouteTemplate.MaxLength);
        builder.Property(e => e.RouteKey).HasMaxLength(HttpRouteTemplate.MaxLength);
        builder.Property(e => e.Policy).HasMaxLength(ColumnLengths.Name);

        // Two definitions on any nodes cannot both claim a route: the second insert fails on this index.
        builder.HasIndex(e => new { e.Method, e.RouteKey }).IsUnique();
        builder.HasIndex(e => e.DefinitionId);
    }
}
