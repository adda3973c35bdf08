using System.ComponentModel;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fel.Tools.Tests.Fit;

/// <summary>Operator contracts for the FIT tool tests.</summary>
public interface ITextOperators
{
    [Genericable("samples.text.summarize")]
    [Description("Shortens a text to its first words.")]
    Task<string> SummarizeAsync([Description("The text to shorten.")] string text, int maxWords = 3, CancellationToken cancellationToken = default);

    [Genericable("samples.text.reject")]
    string Reject(string reason);
}
