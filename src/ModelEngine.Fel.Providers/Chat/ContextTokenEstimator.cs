using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace ModelEngine.Fel.Providers.Chat;

/// <summary>
/// Estimates the input tokens of a chat request with the cl100k_base tokenizer (GPT-4 and GPT-3.5). Other models
/// tokenize differently, so the count is an estimate.
/// NOTE: how far it is off for Qwen, Llama or DeepSeek models has not been measured.
/// </summary>
internal static class ContextTokenEstimator
{
    /// <summary>The tokens each message adds for its role and separators in OpenAI's chat format.</summary>
    public const int TokensPerMessage = 4;

    /// <summary>The tokens that prime the assistant's reply.</summary>
    public const int TokensPerReply = 3;

    private static readonly Lazy<Tokenizer> s_tokenizer = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    /// <summary>
    /// Counts the texts of all messages, function calls and results, and the options' instructions, plus the
    /// per-message overhead. Images, audio and tool definitions are not counted.
    /// </summary>
    public static int Count(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var tokenizer = s_tokenizer.Value;
        var total = TokensPerReply;
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            total += TokensPerMessage + tokenizer.CountTokens(options.Instructions);
        }

        foreach (var message in messages)
        {
            total += TokensPerMessage;
            foreach (var content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => tokenizer.CountTokens(text.Text ?? ""),
                    TextReasoningContent reasoning => tokenizer.CountTokens(reasoning.Text ?? ""),
                    FunctionCallContent call => tokenizer.CountTokens(call.Name) + tokenizer.CountTokens(Serialize(call.Arguments)),
                    FunctionResultContent result => tokenizer.CountTokens(Serialize(result.Result)),
                    _ => 0,
                };
            }
        }

        return total;
    }

    private static string Serialize(object? value) => value switch
    {
        null => "",
        string text => text,
        _ => JsonSerializer.Serialize(value, AIJsonUtilities.DefaultOptions),
    };
}
