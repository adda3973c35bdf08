using System.Text.Json;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Dispatch.Tests.Fakes;

/// <summary>A value codec for tests: JSON for values, the handle itself for payloads. It counts what it encodes.</summary>
public sealed class FakeCodec : IFitValueCodec
{
    private int _encoded;

    public int Encoded => Volatile.Read(ref _encoded);

    public FitValue Encode(object? value, Type declaredType, ICollection<IDisposable> scope)
    {
        Interlocked.Increment(ref _encoded);
        if (value is FitPayload payload)
        {
            return FitValue.FromHandle(payload.Handle);
        }

        return value is null ? FitValue.Null : new FitValue(FitValueKind.Json, JsonSerializer.SerializeToUtf8Bytes(value, value.GetType()));
    }

    public ValueTask<object?> DecodeAsync(FitValue value, Type targetType, ICollection<IDisposable> scope, CancellationToken cancellationToken)
    {
        object? result = value.Kind switch
        {
            FitValueKind.Null => null,
            FitValueKind.Handle => Adopt(new FakePayload(value.Handle!), scope),
            _ => JsonSerializer.Deserialize(value.Data.Span, targetType == typeof(object) ? typeof(JsonElement) : targetType),
        };
        return ValueTask.FromResult(result);
    }

    /// <summary>Puts an opened payload in the scope, as a real codec does, so that the scope's end releases it.</summary>
    private static FakePayload Adopt(FakePayload payload, ICollection<IDisposable> scope)
    {
        scope.Add(payload);
        return payload;
    }
}
