using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Administration;

/// <summary>
/// The server configured for an external OpenID Connect provider. The provider is simulated in memory: the test sets
/// the bearer handler's configuration to an issuer and an RSA key made here, so no discovery document is fetched and
/// no network is used. The authority below is under the reserved <c>.test</c> domain and is never contacted.
/// </summary>
public sealed class ExternalOidcTests : IDisposable
{
    private const string Authority = "https://login.modelengine.test/realms/acme";
    private const string Audience = "modelengine-api";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _signingKey;
    private readonly ServerFactory _server;
    private readonly WebApplicationFactory<Program> _factory;

    public ExternalOidcTests()
    {
        _signingKey = new RsaSecurityKey(_rsa) { KeyId = "test-key" };
        _server = new ServerFactory()
            .WithSetting("Identity:Oidc:Authority", Authority)
            .WithSetting("Identity:Oidc:Audience", Audience)
            .WithSetting("Identity:Oidc:NameClaim", "preferred_username")
            .WithSetting("Identity:Oidc:GroupsClaim", "roles");
        var configuration = new OpenIdConnectConfiguration { Issuer = Authority };
        configuration.SigningKeys.Add(_signingKey);
        _factory = _server.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = configuration)));
    }

    [Fact]
    public void Options_PointTheBearerHandlerAtTheAuthority()
    {
        var options = _factory.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);

        Assert.Equal(Authority, options.Authority);
        Assert.Equal(Audience, options.Audience);
        Assert.True(options.RequireHttpsMetadata);
        Assert.Equal(Audience, options.TokenValidationParameters.ValidAudience);
    }

    [Fact]
    public async Task ProviderToken_MapsUserNameAndGroups()
    {
        var admin = ClientWithToken(CreateToken("erin", ["admins"]));
        var member = ClientWithToken(CreateToken("frank", ["managers"]));

        await admin.GetObjectAsync("/api/audit");
        await member.GetObjectAsync("/api/audit", HttpStatusCode.Forbidden);

        // The user name comes from preferred_username, not from the display name in 'name'.
        var created = await admin.PostObjectAsync("/api/api-keys", new { name = "oidc-made" }, HttpStatusCode.Created);
        Assert.Equal("erin", created["createdBy"]?.GetValue<string>());
    }

    [Fact]
    public async Task TokenForAnotherAudience_OrIssuer_Returns401()
    {
        var wrongAudience = ClientWithToken(CreateToken("erin", ["admins"], audience: "another-client"));
        var wrongIssuer = ClientWithToken(CreateToken("erin", ["admins"], issuer: "https://elsewhere.modelengine.test"));

        await wrongAudience.GetObjectAsync("/api/tasks", HttpStatusCode.Unauthorized);
        await wrongIssuer.GetObjectAsync("/api/tasks", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LocalLoginAndRefresh_AnswerNotFound()
    {
        var client = _factory.CreateClient();

        var login = await client.PostAsJsonAsync("/api/identity/login", new { username = "admin", password = "modelengine" }).WaitAsync(Timeouts.Request);
        var refresh = await client.PostAsJsonAsync("/api/identity/refresh", new { refreshToken = "x" }).WaitAsync(Timeouts.Request);

        var problem = await login.ReadObjectAsync(HttpStatusCode.NotFound);
        await refresh.ReadObjectAsync(HttpStatusCode.NotFound);
        Assert.Contains("Identity:Oidc:Authority", problem["detail"]?.GetValue<string>(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _server.Dispose();
        _rsa.Dispose();
    }

    private HttpClient ClientWithToken(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string CreateToken(string userName, string[] roles, string audience = Audience, string issuer = Authority)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_signingKey, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = Guid.NewGuid().ToString(),
                ["name"] = "Display Name Of " + userName,
                ["preferred_username"] = userName,
                ["roles"] = roles,
            },
        });
    }
}
