using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Protocol;

/// <summary>
/// Encodes strings as UTF-8, byte arrays and byte memory as bytes, <see cref="FitPayload"/>s as handles, and anything
/// else as JSON (web defaults: camelCase). Strings and bytes above <see cref="FitNodeOptions.SharedMemoryThreshold"/>
/// go to the shared-memory store and travel as handles.
/// </summary>
/// <remarks>
/// Decoding a handle into <see cref="ReadOnlyMemory{T}"/> of bytes or into a <see cref="FitPayload"/> reads the mapping in
/// place, with no copy. Decoding into a <see cref="string"/> costs one UTF-8 decode and into a <see cref="byte"/> array
/// one copy. The opened payload is released at once in both cases. Inline bytes decoded into byte memory slice the
/// received message body and so are valid while the body is.
/// </remarks>
public sealed class FitValueCodec : IFitValueCodec
{
    private readonly SharedMemoryStore _store;

    private readonly int _threshold;

    private readonly JsonSerializerOptions _json;

    public FitValueCodec(SharedMemoryStore store, IOptions<FitNodeOptions> options, JsonSerializerOptions? jsonOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _threshold = options.Value.SharedMemoryThreshold;
        _json = jsonOptions ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    public FitValue Encode(object? value, Type declaredType, ICollection<IDisposable> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        switch (value)
        {
            case null:
                return FitValue.Null;
            case FitPayload payload:
                return Lend(payload);
            case string text:
                // A string's UTF-8 form is at most three bytes per UTF-16 unit. Count exactly only near the threshold.
                if ((long)text.Length * 3 > _threshold && Encoding.UTF8.GetByteCount(text) > _threshold)
                {
                    return Share(_store.WriteString(text), scope);
                }

                return new FitValue(FitValueKind.Utf8, Encoding.UTF8.GetBytes(text));
            case byte[] bytes:
                return EncodeBytes(bytes, scope);
            case ReadOnlyMemory<byte> memory:
                return EncodeBytes(memory, scope);
            case Memory<byte> memory:
                return EncodeBytes(memory, scope);
            case ArraySegment<byte> segment:
                return EncodeBytes(segment, scope);
            default:
                return new FitValue(FitValueKind.Json, JsonSerializer.SerializeToUtf8Bytes(value, declaredType ?? value.GetType(), _json));
        }
    }

    public async ValueTask<object?> DecodeAsync(FitValue value, Type targetType, ICollection<IDisposable> scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        ArgumentNullException.ThrowIfNull(scope);
        switch (value.Kind)
        {
            case FitValueKind.Null:
                return targetType.IsValueType && Nullable.GetUnderlyingType(targetType) is null ? Activator.CreateInstance(targetType) : null;
            case FitValueKind.Handle:
                var handle = value.Handle ?? throw new ArgumentException("A handle value has no handle.", nameof(value));
                var payload = await _store.OpenAsync(handle, cancellationToken).ConfigureAwait(false);
                return DecodePayload(payload, targetType, scope);
            default:
                return DecodeInline(value, targetType, scope);
        }
    }

    private FitValue EncodeBytes(ReadOnlyMemory<byte> bytes, ICollection<IDisposable> scope) =>
        bytes.Length > _threshold
            ? Share(_store.Write(bytes.Span), scope)
            : new FitValue(FitValueKind.Bytes, bytes);

    /// <summary>Sends a payload the codec wrote: the sender's reference ends with the call's scope.</summary>
    private FitValue Share(FitPayload payload, ICollection<IDisposable> scope)
    {
        scope.Add(payload);
        return Lend(payload);
    }

    /// <summary>Takes the receiver's reference, held by a lease until the receiver adopts it.</summary>
    private FitValue Lend(FitPayload payload)
    {
        _store.AddLease(payload);
        return FitValue.FromHandle(payload.Handle);
    }

    private object? DecodePayload(FitPayload payload, Type targetType, ICollection<IDisposable> scope)
    {
        if (targetType == typeof(FitPayload))
        {
            scope.Add(payload);
            return payload;
        }

        if (targetType == typeof(ReadOnlyMemory<byte>))
        {
            scope.Add(payload);
            return payload.Memory;
        }

        using (payload)
        {
            if (targetType == typeof(string) || (targetType == typeof(object) && payload.Encoding == SharedMemory.PayloadEncoding.Utf8))
            {
                return payload.GetString();
            }

            if (targetType == typeof(byte[]) || targetType == typeof(object))
            {
                return payload.Span.ToArray();
            }

            if (targetType == typeof(Memory<byte>))
            {
                return new Memory<byte>(payload.Span.ToArray());
            }

            return JsonSerializer.Deserialize(payload.Span, targetType, _json);
        }
    }

    private object? DecodeInline(FitValue value, Type targetType, ICollection<IDisposable> scope)
    {
        var data = value.Data;
        if (value.Kind == FitValueKind.Json)
        {
            return targetType == typeof(string) ? JsonAsString(data.Span) : JsonSerializer.Deserialize(data.Span, targetType, _json);
        }

        if (targetType == typeof(string) || (targetType == typeof(object) && value.Kind == FitValueKind.Utf8))
        {
            return Encoding.UTF8.GetString(data.Span);
        }

        if (targetType == typeof(byte[]) || targetType == typeof(object))
        {
            return data.ToArray();
        }

        if (targetType == typeof(ReadOnlyMemory<byte>))
        {
            return data;
        }

        if (targetType == typeof(Memory<byte>))
        {
            return new Memory<byte>(data.ToArray());
        }

        if (targetType == typeof(FitPayload))
        {
            var payload = _store.Write(data.Span, value.Kind == FitValueKind.Utf8 ? SharedMemory.PayloadEncoding.Utf8 : SharedMemory.PayloadEncoding.Bytes);
            scope.Add(payload);
            return payload;
        }

        throw new FitException(FitErrorCode.BadRequest, $"Invalid value: a {value.Kind} value cannot be read as {targetType}. Check that the caller and the fitable use the same contract.");
    }

    /// <summary>
    /// Reads JSON into a string parameter the way a caller that has the contract converts it before sending: a JSON
    /// string gives its value, <c>null</c> gives <see langword="null"/>, and any other value (a number, a boolean, an
    /// object or an array) gives its JSON text. A workflow therefore passes the same string whether the operator runs in
    /// its own process or on a worker.
    /// </summary>
    private string? JsonAsString(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read())
        {
            throw new JsonException("Invalid JSON value: the data is empty.");
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.String or JsonTokenType.Null:
                return JsonSerializer.Deserialize<string>(json, _json);
            default:
                using (var document = JsonDocument.Parse(json.ToArray()))
                {
                    return document.RootElement.GetRawText();
                }
        }
    }
}
