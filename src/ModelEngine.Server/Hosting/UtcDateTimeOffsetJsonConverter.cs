using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelEngine.Server.Hosting;

/// <summary>Writes every <see cref="DateTimeOffset"/> as ISO 8601 in UTC (<c>2026-05-01T10:00:00.0000000Z</c>) and reads any offset.</summary>
internal sealed class UtcDateTimeOffsetJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
