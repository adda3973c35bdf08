using ModelEngine.Server.Identity;

namespace ModelEngine.Server.Tests;

public sealed class CredentialHashCommandTests
{
    [Fact]
    public void HashPassword_PrintsVerifiableHash()
    {
        using var output = new StringWriter();

        var ran = CredentialHashCommand.TryRun(["hash-password", "s3cret"], output);

        Assert.True(ran, "hash-password was not recognised.");
        var hash = output.ToString().Trim();
        Assert.True(CredentialHashes.VerifyPassword(hash, "s3cret"), $"The printed hash '{hash}' does not verify the password.");
        Assert.False(CredentialHashes.VerifyPassword(hash, "other"), "The printed hash verifies a wrong password.");
    }

    [Fact]
    public void HashApiKey_PrintsSha256Hex()
    {
        using var output = new StringWriter();

        CredentialHashCommand.TryRun(["hash-api-key", "modelengine-dev-worker-key"], output);

        Assert.Contains("hash: 50ea1a19c13afd8a444e0506f10b1de7555e7b03049e6640957824435d46c1ec", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ServerArguments_AreNotCommands()
    {
        using var output = new StringWriter();

        var ran = CredentialHashCommand.TryRun(["--urls", "http://127.0.0.1:5999"], output);

        Assert.False(ran, "Ordinary server arguments were taken for a command.");
        Assert.Equal("", output.ToString());
    }
}
