using System.Security.Cryptography;

namespace ModelEngine.Server.Identity;

/// <summary>
/// The command-line helpers that print configuration values instead of starting the server:
/// <c>hash-password PASSWORD</c> prints a value for <c>Identity:Users:N:PasswordHash</c>, and <c>hash-api-key [KEY]</c>
/// prints a new or given key with the value for <c>Identity:ApiKeys:N:Hash</c>.
/// </summary>
internal static class CredentialHashCommand
{
    public const string HashPassword = "hash-password";
    public const string HashApiKey = "hash-api-key";

    /// <summary>Runs the command named by <paramref name="args"/>, if any, and returns whether it did.</summary>
    public static bool TryRun(string[] args, TextWriter output)
    {
        if (args.Length == 0)
        {
            return false;
        }

        switch (args[0])
        {
            case HashPassword when args.Length == 2:
                output.WriteLine(CredentialHashes.HashPassword(args[1]));
                return true;

            case HashPassword:
                output.WriteLine("Usage: hash-password PASSWORD  (prints the value for Identity:Users:N:PasswordHash)");
                return true;

            case HashApiKey:
                var key = args.Length >= 2 ? args[1] : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                output.WriteLine($"key:  {key}");
                output.WriteLine($"hash: {CredentialHashes.HashApiKey(key)}");
                return true;

            default:
                return false;
        }
    }
}
