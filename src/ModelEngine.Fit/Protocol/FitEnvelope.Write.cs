using System.Buffers;
using System.Runtime.InteropServices;
using Google.FlatBuffers;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Remote;
using SharedHandle = ModelEngine.Fit.SharedMemory.PayloadHandle;

namespace ModelEngine.Fit.Protocol;

public static partial class FitEnvelope
{
    /// <summary>Writes <paramref name="request"/> as an envelope into <paramref name="output"/>.</summary>
    public static void WriteRequest(FitRequest request, IBufferWriter<byte> output) => Write(request, output, BuildRequest);

    /// <summary>Writes <paramref name="request"/> as an envelope into a new array.</summary>
    public static byte[] WriteRequest(FitRequest request) => Write(request, BuildRequest);

    /// <summary>Writes <paramref name="response"/> as an envelope into <paramref name="output"/>.</summary>
    public static void WriteResponse(FitResponse response, IBufferWriter<byte> output) => Write(response, output, BuildResponse);

    /// <summary>Writes <paramref name="response"/> as an envelope into a new array.</summary>
    public static byte[] WriteResponse(FitResponse response) => Write(response, BuildResponse);

    /// <summary>Writes <paramref name="heartbeat"/> as an envelope into <paramref name="output"/>.</summary>
    public static void WriteHeartbeat(FitHeartbeat heartbeat, IBufferWriter<byte> output) => Write(heartbeat, output, BuildHeartbeat);

    /// <summary>Writes <paramref name="heartbeat"/> as an envelope into a new array.</summary>
    public static byte[] WriteHeartbeat(FitHeartbeat heartbeat) => Write(heartbeat, BuildHeartbeat);

    /// <summary>Builds <paramref name="message"/> with this thread's builder and copies the envelope into <paramref name="output"/>.</summary>
    private static void Write<T>(T message, IBufferWriter<byte> output, Action<FlatBufferBuilder, T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        // A builder that threw halfway through a table is not returned: it is dropped with its half-built state.
        var builder = RentBuilder();
        build(builder, message);
        CopyFinished(builder, output);
        ReturnBuilder(builder);
    }

    /// <summary>Builds <paramref name="message"/> with this thread's builder and copies the envelope into a new array.</summary>
    private static byte[] Write<T>(T message, Action<FlatBufferBuilder, T> build)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var builder = RentBuilder();
        build(builder, message);
        var body = ToArray(builder);
        ReturnBuilder(builder);
        return body;
    }

    private static void BuildRequest(FlatBufferBuilder builder, FitRequest request)
    {
        var arguments = new Offset<Value>[request.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = BuildValue(builder, request.Arguments[i]);
        }

        var argumentsVector = Request.CreateArgumentsVector(builder, arguments);
        var requestId = builder.CreateString(request.RequestId);
        var genericableId = builder.CreateString(request.GenericableId);
        var genericableVersion = builder.CreateString(request.GenericableVersion);
        var fitableId = builder.CreateString(request.FitableId);
        var traceParent = CreateOptionalString(builder, request.TraceParent);
        var callerNode = CreateOptionalString(builder, request.CallerNode);

        // A set timeout is written as at least 1 ms, because 0 is the schema default and reads back as "no timeout".
        var timeoutMs = request.Timeout is { } timeout ? Math.Max(1L, (long)Math.Ceiling(timeout.TotalMilliseconds)) : 0L;
        var body = Request.CreateRequest(
            builder, requestId, genericableId, genericableVersion, fitableId, argumentsVector, timeoutMs, traceParent, callerNode);
        FinishEnvelope(builder, request: body);
    }

    private static void BuildResponse(FlatBufferBuilder builder, FitResponse response)
    {
        var result = BuildValue(builder, response.Result);
        var requestId = builder.CreateString(response.RequestId);
        var errorType = CreateOptionalString(builder, response.ErrorType);
        var errorMessage = CreateOptionalString(builder, response.ErrorMessage);
        var workerId = CreateOptionalString(builder, response.WorkerId);
        var body = Response.CreateResponse(
            builder, requestId, (Status)response.Status, result, errorType, errorMessage, workerId);
        FinishEnvelope(builder, response: body);
    }

    private static void BuildHeartbeat(FlatBufferBuilder builder, FitHeartbeat heartbeat)
    {
        var fitables = new Offset<Fitable>[heartbeat.Fitables.Count];
        for (var i = 0; i < fitables.Length; i++)
        {
            fitables[i] = BuildFitable(builder, heartbeat.Fitables[i]);
        }

        var fitablesVector = Heartbeat.CreateFitablesVector(builder, fitables);
        var workerId = builder.CreateString(heartbeat.WorkerId);
        var nodeId = builder.CreateString(heartbeat.NodeId);
        var queue = builder.CreateString(heartbeat.Queue);
        var transferEndpoint = CreateOptionalString(builder, heartbeat.TransferEndpoint);
        var language = builder.CreateString(heartbeat.Language);
        var body = Heartbeat.CreateHeartbeat(
            builder,
            workerId,
            nodeId,
            queue,
            transferEndpoint,
            language,
            fitablesVector,
            (long)heartbeat.AliveFor.TotalMilliseconds,
            heartbeat.Sequence,
            heartbeat.Stopping);
        FinishEnvelope(builder, heartbeat: body);
    }

    private static Offset<Fitable> BuildFitable(FlatBufferBuilder builder, FitableDescriptor fitable)
    {
        var aliases = Fitable.CreateAliasesVector(builder, CreateStrings(builder, fitable.Aliases));
        var tags = Fitable.CreateTagsVector(builder, CreateStrings(builder, fitable.Tags));
        var genericableId = builder.CreateString(fitable.GenericableId);
        var genericableVersion = builder.CreateString(fitable.GenericableVersion);
        var fitableId = builder.CreateString(fitable.Id);
        var degradesTo = CreateOptionalString(builder, fitable.DegradesTo);
        return Fitable.CreateFitable(
            builder, genericableId, genericableVersion, fitableId, aliases, tags, fitable.IsDefault, degradesTo);
    }

    private static Offset<Value> BuildValue(FlatBufferBuilder builder, FitValue value)
    {
        var data = default(VectorOffset);
        var handle = default(Offset<PayloadHandle>);
        if (value.Kind == FitValueKind.Handle)
        {
            if (value.Handle is null)
            {
                throw new ArgumentException("A handle value has no handle.", nameof(value));
            }

            handle = BuildHandle(builder, value.Handle);
        }
        else if (!value.Data.IsEmpty)
        {
            data = CreateBytes(builder, value.Data);
        }

        return Value.CreateValue(builder, (ValueKind)value.Kind, data, handle);
    }

    private static Offset<PayloadHandle> BuildHandle(FlatBufferBuilder builder, SharedHandle handle)
    {
        var nodeId = builder.CreateString(handle.NodeId);
        var segment = builder.CreateString(handle.Segment);
        var transferEndpoint = CreateOptionalString(builder, handle.TransferEndpoint);
        return PayloadHandle.CreatePayloadHandle(
            builder,
            nodeId,
            segment,
            handle.Region,
            handle.Offset,
            handle.Length,
            handle.Generation,
            (PayloadEncoding)handle.Encoding,
            transferEndpoint);
    }

    /// <summary>Adds a byte vector straight from the caller's memory, without an intermediate array.</summary>
    private static unsafe VectorOffset CreateBytes(FlatBufferBuilder builder, ReadOnlyMemory<byte> data)
    {
        if (MemoryMarshal.TryGetArray(data, out var segment))
        {
            return Value.CreateDataVectorBlock(builder, segment);
        }

        using var pin = data.Pin();
        return Value.CreateDataVectorBlock(builder, (IntPtr)pin.Pointer, data.Length);
    }

    private static StringOffset[] CreateStrings(FlatBufferBuilder builder, IReadOnlyList<string> values)
    {
        var offsets = new StringOffset[values.Count];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = builder.CreateString(values[i]);
        }

        return offsets;
    }

    private static StringOffset CreateOptionalString(FlatBufferBuilder builder, string? value) =>
        value is null ? default : builder.CreateString(value);

    private static void FinishEnvelope(
        FlatBufferBuilder builder,
        Offset<Request> request = default,
        Offset<Response> response = default,
        Offset<Heartbeat> heartbeat = default)
    {
        var envelope = Envelope.CreateEnvelope(builder, ProtocolVersion, request, response, heartbeat);
        Envelope.FinishEnvelopeBuffer(builder, envelope);
    }
}
