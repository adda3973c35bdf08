using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace ModelEngine.Server.Identity;

/// <summary>Produces and checks the password and API key hashes stored in configuration.</summary>
internal static class CredentialHashes
{
    private static readonly PasswordHasher<ConfiguredUser> s_passwordHasher = new();

    /// <summary>Hashes a password with PBKDF2 (HMAC-SHA512, random salt), in ASP.NET Core Identity's format.</summary>
    public static string HashPassword(string password) => s_passwordHasher.HashPassword(new ConfiguredUser(), password);

    public static bool VerifyPassword(string passwordHash, string password)
    {
        try
        {
            return s_passwordHasher.VerifyHashedPassword(new ConfiguredUser(), passwordHash, password) != PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            // A hash that is not Base64 cannot match; the user store logs the broken entry at start-up.
            return false;
        }
    }

    /// <summary>Returns the SHA-256 hash of an API key as lowercase hex.</summary>
    public static string HashApiKey(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>Compares two hex hashes in constant time, ignoring letter case.</summary>
    public static bool HashesEqual(string expectedHex, string actualHex)
    {
        var expected = Encoding.ASCII.GetBytes(expectedHex.Trim().ToLowerInvariant());
        var actual = Encoding.ASCII.GetBytes(actualHex.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
