using Microsoft.Extensions.Hosting.Internal;
using ModelEngine.Server.Identity;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>The start-up checks of the <c>Identity:Oidc</c> section.</summary>
public sealed class ExternalOidcOptionsTests
{
    private readonly ServerIdentityOptionsValidator _validator = new(new HostingEnvironment { EnvironmentName = "Production" });

    [Fact]
    public void Validate_AuthorityAndAudience_NeedsNoSigningKey()
    {
        var options = new ServerIdentityOptions { Oidc = { Authority = "https://login.modelengine.test/realms/acme", Audience = "modelengine-api" } };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_AuthorityWithoutAudience_Fails()
    {
        var options = new ServerIdentityOptions { Oidc = { Authority = "https://login.modelengine.test/realms/acme" } };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Identity:Oidc:Audience", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.modelengine.test/realms/acme", "RequireHttpsMetadata")]
    [InlineData("login.modelengine.test", "absolute URL")]
    public void Validate_BadAuthority_FailsNamingTheFix(string authority, string expected)
    {
        var options = new ServerIdentityOptions { Oidc = { Authority = authority, Audience = "modelengine-api" } };

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpAuthorityWithoutHttpsRequirement_Succeeds()
    {
        var options = new ServerIdentityOptions
        {
            Oidc = { Authority = "http://localhost:8180/realms/dev", Audience = "modelengine-api", RequireHttpsMetadata = false },
        };

        var result = _validator.Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_NoAuthority_StillNeedsSigningKey()
    {
        var result = _validator.Validate(null, new ServerIdentityOptions());

        Assert.True(result.Failed);
        Assert.Contains("Identity:SigningKey", result.FailureMessage, StringComparison.Ordinal);
    }
}
