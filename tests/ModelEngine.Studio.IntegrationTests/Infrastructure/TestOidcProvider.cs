using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ModelEngine.Studio.IntegrationTests.Infrastructure;

/// <summary>
/// A minimal OpenID Connect provider on a free loopback port: OpenIddict in degraded mode, with the authorization code
/// flow and PKCE, one public client, unencrypted JWT access tokens for the audience <c>modelengine</c> and an ephemeral
/// signing key. Its authorization endpoint signs in <see cref="User"/> without a login page of its own.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "modelengine-studio";

    public const string Audience = "modelengine";

    private readonly WebApplication _app;

    private TestOidcProvider(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The user the next authorization request signs in: the preferred_username and the groups claims.</summary>
    public TestUser User { get; set; } = new("olivia", ["requesters"]);

    /// <summary>The issuer, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Issuer { get; private set; } = null!;

    /// <summary>The number of authorization requests the provider has handled.</summary>
    public int AuthorizationCount { get; private set; }

    /// <summary>Starts the provider, which rejects authorization requests whose redirect URI fails <paramref name="isAllowedRedirectUri"/>.</summary>
    public static async Task<TestOidcProvider> StartAsync(Func<string?, bool> isAllowedRedirectUri)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication();
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize")
                .SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            options.RegisterScopes(Scopes.OpenId, Scopes.Profile, "api");
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            options.DisableAccessTokenEncryption();

            // Degraded mode needs no application, token or authorization store. The handlers below take over the
            // client checks that the stores would make.
            options.EnableDegradedMode();
            options.DisableTokenStorage();
            options.DisableAuthorizationStorage();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, $"Unknown client_id '{context.ClientId}'.");
                }
                else if (!isAllowedRedirectUri(context.RedirectUri))
                {
                    context.Reject(Errors.InvalidRequest, $"The redirect_uri '{context.RedirectUri}' is not registered.");
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!string.Equals(context.ClientId, ClientId, StringComparison.Ordinal))
                {
                    context.Reject(Errors.InvalidClient, $"Unknown client_id '{context.ClientId}'.");
                }

                return default;
            }));

            options.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .DisableTransportSecurityRequirement();
        });

        var app = builder.Build();
        var provider = new TestOidcProvider(app);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)provider.Authorize);
        app.MapPost("/connect/token", (Delegate)ExchangeAsync);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        provider.Issuer = new Uri(address.TrimEnd('/') + "/");
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }

    /// <summary>Signs <see cref="User"/> in and lets OpenIddict redirect back with an authorization code.</summary>
    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request could not be read.");
        AuthorizationCount++;

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.PreferredUsername, "groups");
        identity.AddClaim(new Claim(Claims.Subject, User.Name));
        identity.AddClaim(new Claim(Claims.PreferredUsername, User.Name));
        foreach (var group in User.Groups)
        {
            identity.AddClaim(new Claim("groups", group));
        }

        identity.SetScopes(request.GetScopes());
        identity.SetResources(Audience);
        identity.SetDestinations(static claim => [Destinations.AccessToken, Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>Issues the tokens for a code that the authorization endpoint granted, with the claims it put in the code.</summary>
    private static async Task<IResult> ExchangeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.SignIn(result.Principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
