using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelEngine.Persistence.EntityFrameworkCore.Notifications;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations.Notifications;

/// <summary>
/// Maps the webhook and e-mail deliveries of task events. Rows have no foreign key to their task, so a delivery still
/// goes out when its instance is deleted first.
/// </summary>
internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDeliveryEntity>
{
    public void Configure(EntityTypeBuilder<NotificationDeliveryEntity> builder)
    {
        builder.ToTable("NotificationDeliveries");
        builder.HasKey(e => e.Id);

        builder.Property(e => e.Id).HasMaxLength(ColumnLengths.Title);
        builder.Property(e => e.EventId).HasMaxLength(ColumnLengths.Id);
        builder.Property(e => e.Channel).HasMaxLength(ColumnLengths.Status);
        builder.Property(e => e.Target).HasMaxLength(ColumnLengths.Name);
        builder.Property(e => e.LastError).HasMaxLength(2000);

        builder.HasIndex(e => e.EventId);
        builder.HasIndex(e => e.NextAttemptAt);
    }
}
