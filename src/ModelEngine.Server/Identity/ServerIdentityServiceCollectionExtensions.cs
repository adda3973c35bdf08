using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>Registers JWT bearer and API key authentication and the access policies.</summary>
internal static class ServerIdentityServiceCollectionExtensions
{
    /// <summary>The scheme that picks the API key handler when an X-Api-Key header is present, else the bearer handler.</summary>
    public const string SelectorScheme = "ModelEngine";

    /// <summary>
    /// The cookie that login sets so that a browser can open the Hangfire dashboard. The engine owns the name, so that
    /// WriteHttpResponse can reject a workflow's Set-Cookie for it.
    /// </summary>
    public const string DashboardCookieName = Workflows.Activities.Http.HttpResponseHeaderRules.ReservedCookieName;

    public static IServiceCollection AddServerIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServerIdentityOptions>()
            .Bind(configuration.GetSection(ServerIdentityOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerIdentityOptions>, ServerIdentityOptionsValidator>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<ConfiguredUserAuthenticator>();
        services.AddSingleton<StoredApiKeyCache>();
        services.AddSingleton<RefreshTokenService>();
        services.AddSingleton<RefreshTokenCleanupService>();
        services.AddHostedService(provider => provider.GetRequiredService<RefreshTokenCleanupService>());

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "X-Api-Key or bearer token", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ServerIdentityOptions>>((options, identityOptions) =>
            {
                var identity = identityOptions.Value;
                options.Events = CreateBearerEvents(identity.Oidc);
                if (identity.Oidc.IsEnabled)
                {
                    OidcBearerSetup.Configure(options, identity.Oidc);
                    return;
                }

                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = identity.Issuer,
                    ValidateAudience = true,
                    ValidAudience = identity.Audience,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = string.IsNullOrEmpty(identity.SigningKey) ? null : AccessTokenIssuer.CreateSigningKey(identity),
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = ServerClaimTypes.Name,
                    RoleClaimType = ServerClaimTypes.Groups,
                };
            });

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(SelectorScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(AccessPolicies.DefinitionWriter, policy => policy
                .AddAuthenticationSchemes(SelectorScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                    context.User.HasClaim(ServerClaimTypes.Groups, UserIdentity.AdminsGroup) ||
                    context.User.HasClaim(ServerClaimTypes.Groups, UserIdentity.DesignersGroup)))
            .AddPolicy(AccessPolicies.OperatorReader, policy => policy
                .AddAuthenticationSchemes(SelectorScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                    context.User.HasClaim(ServerClaimTypes.Groups, UserIdentity.AdminsGroup) ||
                    context.User.HasClaim(ServerClaimTypes.Groups, UserIdentity.DesignersGroup)))
            .AddPolicy(AccessPolicies.RunTaskWorker, policy => policy
                .AddAuthenticationSchemes(SelectorScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                    context.User.IsApiKeyClient() || context.User.HasClaim(ServerClaimTypes.Groups, UserIdentity.AdminsGroup)))
            .AddPolicy(AccessPolicies.EventTrigger, policy => policy
                .AddAuthenticationSchemes(SelectorScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context =>
                    context.User.IsApiKeyClient() || context.User.HasClaim(ServerClaimTypes.Groups, UserIdentity.AdminsGroup)))
            .AddPolicy(AccessPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(SelectorScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(ServerClaimTypes.Groups, UserIdentity.AdminsGroup));

        return services;
    }

    private static JwtBearerEvents CreateBearerEvents(ExternalOidcOptions oidc) => new()
    {
        OnMessageReceived = context =>
        {
            // Only the dashboard takes the token from the cookie, so API calls cannot be forged from another site.
            if (context.Request.Path.StartsWithSegments("/hangfire") &&
                string.IsNullOrEmpty(context.Request.Headers.Authorization) &&
                context.Request.Cookies.TryGetValue(DashboardCookieName, out var token))
            {
                context.Token = token;
            }

            // Browsers cannot set headers on WebSocket and server-sent-event requests, so the task hub also takes the
            // token from the access_token query parameter, as SignalR clients send it.
            if (context.Request.Path.StartsWithSegments(Notifications.LiveInbox.TaskHub.Path) &&
                string.IsNullOrEmpty(context.Request.Headers.Authorization) &&
                context.Request.Query.TryGetValue("access_token", out var queryToken))
            {
                context.Token = queryToken;
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (oidc.IsEnabled)
            {
                OidcBearerSetup.MapClaims(context.Principal, oidc);
            }

            return Task.CompletedTask;
        },
    };
}
