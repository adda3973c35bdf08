using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModelEngine.Persistence.EntityFrameworkCore.Configurations;

/// <summary>
/// Converts a <see cref="DateTimeOffset"/> to UTC before it reaches a native time column. Npgsql writes only a zero
/// offset to <c>timestamp with time zone</c>, and SQL Server's <c>datetimeoffset</c> would otherwise return the offset
/// it was written with. Both compare and sort by the instant. Values read back carry a zero offset on every provider.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter : ValueConverter<DateTimeOffset, DateTimeOffset>
{
    public UtcDateTimeOffsetConverter()
        : base(value => value.ToUniversalTime(), value => value.ToUniversalTime())
    {
    }
}
