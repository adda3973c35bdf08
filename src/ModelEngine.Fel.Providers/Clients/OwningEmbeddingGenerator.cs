using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Providers.Clients;

/// <summary>An embedding generator that also disposes the <see cref="HttpClient"/> under it.</summary>
internal sealed class OwningEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly HttpClient _http;

    public OwningEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> innerGenerator, HttpClient http)
        : base(innerGenerator)
    {
        _http = http;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _http.Dispose();
        }

        base.Dispose(disposing);
    }
}
