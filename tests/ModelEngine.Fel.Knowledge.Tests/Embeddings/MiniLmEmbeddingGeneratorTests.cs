using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace ModelEngine.Fel.Knowledge.Tests;

[Collection(MiniLmCollection.Name)]
public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Loads_and_returns_normalised_384_dimension_vectors()
    {
        var embeddings = await fixture.Generator.GenerateAsync(["The invoice is overdue.", ""]).WaitAsync(Timeout);

        Assert.True(fixture.Generator.IsLoaded);
        Assert.Equal(2, embeddings.Count);
        foreach (var embedding in embeddings)
        {
            Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, embedding.Vector.Length);
            Assert.Equal(1f, TensorPrimitives.Norm(embedding.Vector.Span), 3);
        }
    }

    [Fact]
    public async Task Paraphrases_are_closer_than_unrelated_sentences()
    {
        var embeddings = await fixture.Generator.GenerateAsync(
        [
            "How many days of paid holiday do employees get each year?",
            "Staff are entitled to 25 vacation days annually.",
            "The thermostat connects to Wi-Fi on the 2.4 GHz band.",
            "Which wireless frequency does the heating controller need?",
        ]).WaitAsync(Timeout);
        var vectors = embeddings.Select(e => e.Vector.ToArray()).ToArray();

        var holidayPair = TensorPrimitives.Dot(vectors[0], vectors[1]);
        var thermostatPair = TensorPrimitives.Dot(vectors[2], vectors[3]);
        var unrelated = Math.Max(TensorPrimitives.Dot(vectors[0], vectors[2]), TensorPrimitives.Dot(vectors[1], vectors[3]));

        Assert.True(holidayPair > unrelated + 0.2f, $"holiday pair {holidayPair}, unrelated {unrelated}");
        Assert.True(thermostatPair > unrelated + 0.2f, $"thermostat pair {thermostatPair}, unrelated {unrelated}");
    }

    [Fact]
    public async Task Batches_return_one_vector_per_input_in_order()
    {
        using var generator = new MiniLmEmbeddingGenerator(batchSize: 3);
        var inputs = Enumerable.Range(0, 7).Select(i => $"Sentence number {i} about shipping.").ToArray();

        var batched = await generator.GenerateAsync(inputs).WaitAsync(Timeout);
        var single = await fixture.Generator.GenerateAsync([inputs[5]]).WaitAsync(Timeout);

        Assert.Equal(7, batched.Count);
        Assert.Equal(1f, TensorPrimitives.Dot(batched[5].Vector.Span, single[0].Vector.Span), 3);
    }

    [Fact]
    public async Task Cancelled_token_stops_before_encoding()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fixture.Generator.GenerateAsync(["text"], cancellationToken: cancellation.Token).WaitAsync(Timeout));
    }

    [Fact]
    public async Task Null_input_is_rejected_with_its_position()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => fixture.Generator.GenerateAsync(["a", null!]).WaitAsync(Timeout));

        Assert.Contains("Input 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_model_and_dimensions()
    {
        var metadata = fixture.Generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(MiniLmEmbeddingGenerator.ModelId, metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
    }
}
