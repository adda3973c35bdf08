using System.Net.Mime;
using MassTransit;

namespace ModelEngine.Fit.MassTransit.Serialization;

/// <summary>Adds the FIT FlatBuffers serializer to a bus: <c>configurator.AddSerializer(new FitSerializerFactory())</c>.</summary>
public sealed class FitSerializerFactory : ISerializerFactory
{
    private static readonly FitMessageSerializer s_serializer = new();

    public ContentType ContentType => FitMessageSerializer.FitContentType;

    public IMessageSerializer CreateSerializer() => s_serializer;

    public IMessageDeserializer CreateDeserializer() => s_serializer;
}
