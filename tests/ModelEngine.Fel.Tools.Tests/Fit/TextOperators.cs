using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fel.Tools.Tests.Fit;

/// <summary>The fitables of <see cref="ITextOperators"/>, which record the arguments they receive.</summary>
[Fitable("default", IsDefault = true)]
public sealed class TextOperators : ITextOperators
{
    private readonly List<(string Text, int MaxWords)> _summarized = [];

    public IReadOnlyList<(string Text, int MaxWords)> Summarized => _summarized;

    public Task<string> SummarizeAsync(string text, int maxWords = 3, CancellationToken cancellationToken = default)
    {
        lock (_summarized)
        {
            _summarized.Add((text, maxWords));
        }

        return Task.FromResult(string.Join(' ', text.Split(' ').Take(maxWords)));
    }

    public string Reject(string reason) => throw new InvalidOperationException($"rejected because {reason}");
}
