using System.Security.Cryptography;
using System.Text;

namespace ModelEngine.Workflows.Idempotency;

/// <summary>Hashes that identify a stored key and the request it was first sent with.</summary>
public static class IdempotencyKeys
{
    /// <summary>The maximum length of a key, as the <c>Idempotency-Key</c> header gives it.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>Returns the id of the record of <paramref name="key"/> sent by <paramref name="caller"/> to <paramref name="scope"/>.</summary>
    public static string ComputeId(string scope, string caller, string key) => Hash($"{scope}\n{caller}\n{key}");

    /// <summary>Returns the SHA-256 of the text as 64 lower-case hex digits.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
