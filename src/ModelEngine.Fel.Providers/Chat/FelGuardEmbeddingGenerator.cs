using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Providers.Chat;

/// <summary>The outermost layer of every catalog embedding generator: it maps what the provider SDK throws to <see cref="FelModelException"/>.</summary>
internal sealed class FelGuardEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ModelExceptionMapper _mapper;

    public FelGuardEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, ModelExceptionMapper mapper)
        : base(innerGenerator)
    {
        _mapper = mapper;
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GenerateAsync(values, options, cancellationToken);
        }
        catch (Exception ex) when (ModelExceptionMapper.ShouldMap(ex, cancellationToken))
        {
            throw _mapper.Map(ex);
        }
    }
}
