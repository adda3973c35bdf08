using System.Runtime.InteropServices;
using Google.FlatBuffers;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Remote;
using SharedEncoding = ModelEngine.Fit.SharedMemory.PayloadEncoding;
using SharedHandle = ModelEngine.Fit.SharedMemory.PayloadHandle;

namespace ModelEngine.Fit.Protocol;

public static partial class FitEnvelope
{
    /// <summary>
    /// Reads the request in <paramref name="body"/>. Inline argument bytes slice <paramref name="body"/>: keep the body
    /// alive while the request's values are in use.
    /// </summary>
    /// <exception cref="FitException">With <see cref="FitErrorCode.BadRequest"/> when the body is not a FIT request envelope.</exception>
    public static FitRequest ReadRequest(ReadOnlyMemory<byte> body)
    {
        var reader = new BodyReader(body);
        try
        {
            var request = reader.Envelope.Request ?? throw Malformed("the envelope contains no request.");
            var arguments = new FitValue[reader.CheckCount(request.ArgumentsLength, "arguments")];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = request.Arguments(i) is { } argument
                    ? reader.ReadValue(argument)
                    : throw Malformed($"argument {i} is missing.");
            }

            return new FitRequest
            {
                RequestId = request.RequestId ?? throw Malformed("the request has no request_id."),
                GenericableId = request.GenericableId ?? throw Malformed("the request has no genericable_id."),
                GenericableVersion = request.GenericableVersion ?? "1.0.0",
                FitableId = request.FitableId ?? throw Malformed("the request has no fitable_id."),
                Arguments = arguments,
                Timeout = request.TimeoutMs > 0 ? TimeSpan.FromMilliseconds(request.TimeoutMs) : null,
                TraceParent = request.TraceParent,
                CallerNode = request.CallerNode,
            };
        }
        catch (Exception exception) when (IsMalformedBodyException(exception))
        {
            throw Malformed(exception.Message, exception);
        }
    }

    /// <summary>
    /// Reads the response in <paramref name="body"/>. An inline result slices <paramref name="body"/>: keep the body
    /// alive while the result is in use.
    /// </summary>
    /// <exception cref="FitException">With <see cref="FitErrorCode.BadRequest"/> when the body is not a FIT response envelope.</exception>
    public static FitResponse ReadResponse(ReadOnlyMemory<byte> body)
    {
        var reader = new BodyReader(body);
        try
        {
            var response = reader.Envelope.Response ?? throw Malformed("the envelope contains no response.");
            var status = (byte)response.Status;
            if (status > (byte)FitResponseStatus.PayloadUnavailable)
            {
                throw Malformed($"the response status {status} is unknown.");
            }

            return new FitResponse
            {
                RequestId = response.RequestId ?? throw Malformed("the response has no request_id."),
                Status = (FitResponseStatus)status,
                Result = response.Result is { } result ? reader.ReadValue(result) : FitValue.Null,
                ErrorType = response.ErrorType,
                ErrorMessage = response.ErrorMessage,
                WorkerId = response.WorkerId,
            };
        }
        catch (Exception exception) when (IsMalformedBodyException(exception))
        {
            throw Malformed(exception.Message, exception);
        }
    }

    /// <summary>Reads the heartbeat in <paramref name="body"/>.</summary>
    /// <exception cref="FitException">With <see cref="FitErrorCode.BadRequest"/> when the body is not a FIT heartbeat envelope.</exception>
    public static FitHeartbeat ReadHeartbeat(ReadOnlyMemory<byte> body)
    {
        var reader = new BodyReader(body);
        try
        {
            var heartbeat = reader.Envelope.Heartbeat ?? throw Malformed("the envelope contains no heartbeat.");
            var fitables = new FitableDescriptor[reader.CheckCount(heartbeat.FitablesLength, "fitables")];
            for (var i = 0; i < fitables.Length; i++)
            {
                fitables[i] = heartbeat.Fitables(i) is { } fitable
                    ? ReadFitable(reader, fitable)
                    : throw Malformed($"fitable {i} is missing.");
            }

            return new FitHeartbeat
            {
                WorkerId = heartbeat.WorkerId ?? throw Malformed("the heartbeat has no worker_id."),
                NodeId = heartbeat.NodeId ?? throw Malformed("the heartbeat has no node_id."),
                Queue = heartbeat.Queue ?? throw Malformed("the heartbeat has no queue."),
                TransferEndpoint = heartbeat.TransferEndpoint,
                Language = heartbeat.Language ?? "dotnet",
                Fitables = fitables,
                AliveFor = TimeSpan.FromMilliseconds(Math.Max(0, heartbeat.AliveMs)),
                Sequence = heartbeat.Sequence,
                Stopping = heartbeat.Stopping,
            };
        }
        catch (Exception exception) when (IsMalformedBodyException(exception))
        {
            throw Malformed(exception.Message, exception);
        }
    }

    private static FitableDescriptor ReadFitable(BodyReader reader, Fitable fitable)
    {
        var aliases = new string[reader.CheckCount(fitable.AliasesLength, "aliases")];
        for (var i = 0; i < aliases.Length; i++)
        {
            aliases[i] = fitable.Aliases(i) ?? throw Malformed($"alias {i} of a fitable is missing.");
        }

        var tags = new string[reader.CheckCount(fitable.TagsLength, "tags")];
        for (var i = 0; i < tags.Length; i++)
        {
            tags[i] = fitable.Tags(i) ?? throw Malformed($"tag {i} of a fitable is missing.");
        }

        return new FitableDescriptor
        {
            GenericableId = fitable.GenericableId ?? throw Malformed("a fitable has no genericable_id."),
            GenericableVersion = fitable.GenericableVersion ?? "1.0.0",
            Id = fitable.FitableId ?? throw Malformed("a fitable has no fitable_id."),
            Aliases = aliases,
            Tags = tags,
            IsDefault = fitable.IsDefault,
            DegradesTo = fitable.DegradesTo,
        };
    }

    /// <summary>Wraps a body for the generated accessors and turns vectors back into slices of the body.</summary>
    private readonly struct BodyReader
    {
        /// <summary>The smallest envelope: the root offset and the file identifier.</summary>
        private const int MinimumLength = 8;

        /// <summary>The body as given, or its one copy when it was not backed by an array.</summary>
        private readonly ReadOnlyMemory<byte> _body;

        /// <summary>Where <see cref="_body"/> starts inside the array the accessors read.</summary>
        private readonly int _bodyOffset;

        public BodyReader(ReadOnlyMemory<byte> body)
        {
            if (body.Length < MinimumLength)
            {
                throw Malformed($"{body.Length} bytes is shorter than an envelope.");
            }

            if (!MemoryMarshal.TryGetArray(body, out var segment))
            {
                // NOTE: memory that is not backed by an array (native or mapped) is copied once here, because the
                // FlatBuffers runtime reads from arrays only.
                var copy = body.ToArray();
                body = copy;
                segment = new ArraySegment<byte>(copy);
            }

            _body = body;
            _bodyOffset = segment.Offset;
            var buffer = new ByteBuffer(segment.Array!, segment.Offset);
            if (!Envelope.EnvelopeBufferHasIdentifier(buffer))
            {
                throw Malformed($"the file identifier is not \"{FileIdentifier}\".");
            }

            var root = buffer.GetInt(segment.Offset);
            if (root < MinimumLength || root >= segment.Count)
            {
                throw Malformed("the root offset points outside the body.");
            }

            Envelope = Envelope.GetRootAsEnvelope(buffer);
        }

        public Envelope Envelope { get; }

        /// <summary>Checks that a vector of offsets (4 bytes each) can fit in the body before anything is allocated for it.</summary>
        public int CheckCount(int count, string what) =>
            count < 0 || (long)count * sizeof(int) > _body.Length
                ? throw Malformed($"the {what} vector claims {count} entries, more than the body can contain.")
                : count;

        public FitValue ReadValue(Value value)
        {
            var kind = (byte)value.Kind;
            if (kind > (byte)FitValueKind.Handle)
            {
                throw Malformed($"the value kind {kind} is unknown.");
            }

            if (kind == (byte)FitValueKind.Handle)
            {
                var handle = value.Handle ?? throw Malformed("a handle value has no handle.");
                return FitValue.FromHandle(ReadHandle(handle));
            }

            return new FitValue((FitValueKind)kind, Slice(value.GetDataBytes()));
        }

        private static SharedHandle ReadHandle(PayloadHandle handle)
        {
            var encoding = (byte)handle.Encoding;
            if (encoding > (byte)SharedEncoding.Utf8)
            {
                throw Malformed($"the payload encoding {encoding} is unknown.");
            }

            if (handle.Offset < 0 || handle.Length < 0)
            {
                throw Malformed("a handle has a negative offset or length.");
            }

            return new SharedHandle(
                handle.NodeId ?? throw Malformed("a handle has no node_id."),
                handle.Segment ?? throw Malformed("a handle has no segment."),
                handle.Region,
                handle.Offset,
                handle.Length,
                handle.Generation,
                (SharedEncoding)encoding,
                handle.TransferEndpoint);
        }

        /// <summary>Maps a vector of the body back to a slice of <see cref="_body"/>, checking it lies inside.</summary>
        private ReadOnlyMemory<byte> Slice(ArraySegment<byte>? vector)
        {
            if (vector is not { } segment || segment.Count == 0)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            var start = segment.Offset - _bodyOffset;
            if (start < 0 || (long)start + segment.Count > _body.Length)
            {
                throw Malformed("a value's data lies outside the body.");
            }

            return _body.Slice(start, segment.Count);
        }
    }
}
