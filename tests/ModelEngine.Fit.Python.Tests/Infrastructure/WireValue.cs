using System.Text;
using ModelEngine.Fit.Protocol;

namespace ModelEngine.Fit.Python.Tests.Infrastructure;

/// <summary>One argument or result as the tests see it; <see cref="HandleSegment"/> is set for a handle only.</summary>
internal sealed record WireValue(ValueKind Kind, byte[] Data, string? HandleSegment = null)
{
    public static WireValue Utf8(string text) => new(ValueKind.Utf8, Encoding.UTF8.GetBytes(text));

    public static WireValue Bytes(byte[] data) => new(ValueKind.Bytes, data);

    public static WireValue Handle(string segment) => new(ValueKind.Handle, [], segment);

    public string Text => Encoding.UTF8.GetString(Data);
}
