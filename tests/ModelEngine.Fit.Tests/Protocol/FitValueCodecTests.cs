using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.SharedMemory;
using PayloadEncoding = ModelEngine.Fit.SharedMemory.PayloadEncoding;
using PayloadHandle = ModelEngine.Fit.SharedMemory.PayloadHandle;
using ModelEngine.Fit.Tests.SharedMemory;

namespace ModelEngine.Fit.Tests.Protocol;

public sealed class FitValueCodecTests : IDisposable
{
    private const int Threshold = 1024;

    private readonly TestStoreDirectory _directory = new();

    private readonly SharedMemoryStore _store;

    private readonly FitValueCodec _codec;

    public FitValueCodecTests()
    {
        _store = new SharedMemoryStore(Options.Create(TestStoreDirectory.Options("node-a", _directory.Path, Threshold)));
        _codec = new FitValueCodec(_store, Options.Create(TestStoreDirectory.Options("node-a", _directory.Path, Threshold)));
    }

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task String_AtTheThreshold_TravelsInlineAsUtf8()
    {
        var text = new string('é', Threshold / 2);
        var scope = new List<IDisposable>();

        var value = _codec.Encode(text, typeof(string), scope);

        Assert.Equal(FitValueKind.Utf8, value.Kind);
        Assert.Empty(scope);
        Assert.Equal(text, await DecodeAsync(value, typeof(string), []));
    }

    [Fact]
    public async Task String_AboveThreshold_TravelsAsHandle()
    {
        var text = new string('x', Threshold + 1);
        var senderScope = new List<IDisposable>();

        var value = _codec.Encode(text, typeof(string), senderScope);
        DisposeAll(senderScope);

        Assert.Equal(FitValueKind.Handle, value.Kind);
        Assert.Equal(PayloadEncoding.Utf8, value.Handle!.Encoding);
        Assert.Equal(1, _directory.FileCount);
        var receiverScope = new List<IDisposable>();
        Assert.Equal(text, await DecodeAsync(value, typeof(string), receiverScope));
        DisposeAll(receiverScope);
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Bytes_AboveThreshold_DecodeInPlace()
    {
        var data = new byte[Threshold * 4];
        new Random(3).NextBytes(data);
        var senderScope = new List<IDisposable>();

        var value = _codec.Encode(data, typeof(byte[]), senderScope);
        DisposeAll(senderScope);
        var receiverScope = new List<IDisposable>();
        var memory = (ReadOnlyMemory<byte>)(await DecodeAsync(value, typeof(ReadOnlyMemory<byte>), receiverScope))!;

        Assert.Equal(FitValueKind.Handle, value.Kind);
        Assert.False(MemoryMarshal.TryGetArray(memory, out _));
        Assert.True(memory.Span.SequenceEqual(data));
        Assert.Single(receiverScope);
        DisposeAll(receiverScope);
        Assert.Equal(0, _directory.FileCount);
    }

    [Fact]
    public async Task Bytes_AtThreshold_TravelInline()
    {
        var data = new byte[Threshold];
        ReadOnlyMemory<byte> memory = data;

        var value = _codec.Encode(memory, typeof(ReadOnlyMemory<byte>), new List<IDisposable>());

        Assert.Equal(FitValueKind.Bytes, value.Kind);
        Assert.True(MemoryMarshal.TryGetArray(value.Data, out var segment));
        Assert.Same(data, segment.Array);
        Assert.Equal(data, (byte[])(await DecodeAsync(value, typeof(byte[]), []))!);
    }

    [Fact]
    public async Task Payload_AlwaysTravelsAsAHandle()
    {
        using var payload = _store.Write(new byte[] { 1, 2, 3 });

        var value = _codec.Encode(payload, typeof(FitPayload), new List<IDisposable>());
        var receiverScope = new List<IDisposable>();
        var received = (FitPayload)(await DecodeAsync(value, typeof(FitPayload), receiverScope))!;

        Assert.Equal(FitValueKind.Handle, value.Kind);
        Assert.Equal(new byte[] { 1, 2, 3 }, received.Span.ToArray());
        DisposeAll(receiverScope);
    }

    [Fact]
    public async Task OtherValues_TravelAsCamelCaseJson()
    {
        var value = _codec.Encode(new Sample("abc", 3), typeof(Sample), new List<IDisposable>());

        Assert.Equal(FitValueKind.Json, value.Kind);
        Assert.Equal("{\"name\":\"abc\",\"count\":3}", Encoding.UTF8.GetString(value.Data.Span));
        Assert.Equal(new Sample("abc", 3), await DecodeAsync(value, typeof(Sample), []));
    }

    [Theory]
    [InlineData("12345", "12345")]
    [InlineData("{\"a\":1}", "{\"a\":1}")]
    [InlineData("[1, \"two\"]", "[1, \"two\"]")]
    [InlineData("true", "true")]
    [InlineData("\"plain\"", "plain")]
    public async Task Json_IntoStringParameter_GivesTheStringOrTheJsonText(string json, string expected)
    {
        var value = new FitValue(FitValueKind.Json, Encoding.UTF8.GetBytes(json));

        Assert.Equal(expected, await DecodeAsync(value, typeof(string), []));
    }

    [Fact]
    public async Task Json_NullIntoStringParameter_GivesNull()
    {
        Assert.Null(await DecodeAsync(new FitValue(FitValueKind.Json, Encoding.UTF8.GetBytes("null")), typeof(string), []));
    }

    [Fact]
    public async Task Json_MalformedIntoStringParameter_Throws()
    {
        var value = new FitValue(FitValueKind.Json, Encoding.UTF8.GetBytes("{\"a\":"));

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => DecodeAsync(value, typeof(string), []));
    }

    [Fact]
    public async Task Null_DecodesToDefault()
    {
        Assert.Null(await DecodeAsync(FitValue.Null, typeof(string), []));
        Assert.Equal(0, await DecodeAsync(FitValue.Null, typeof(int), []));
    }

    private Task<object?> DecodeAsync(FitValue value, Type type, List<IDisposable> scope) =>
        _codec.DecodeAsync(value, type, scope, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    private static void DisposeAll(List<IDisposable> scope)
    {
        scope.ForEach(item => item.Dispose());
        scope.Clear();
    }

    public sealed record Sample(string Name, int Count);
}
