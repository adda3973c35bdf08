using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as its UTC ticks, so that SQLite, which has no date type, sorts and compares
/// times as integers in SQL. Values read back carry a zero offset.
/// </summary>
internal sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
{
    public UtcTicksConverter()
        : base(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero))
    {
    }
}
