using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Features;
using ModelEngine.Studio.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace ModelEngine.Studio.Hosting;

/// <summary>Registers the studio's services, in the standalone studio and in the server that hosts it.</summary>
public static class StudioServiceCollectionExtensions
{
    /// <summary>
    /// Adds the studio's pages, authentication, API client and features, bound to the <c>Studio</c> section of
    /// <paramref name="configuration"/>.
    /// </summary>
    public static IServiceCollection AddModelEngineStudio(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(StudioOptions.SectionName);
        services.AddOptions<StudioOptions>().Bind(section);
        var studio = section.Get<StudioOptions>() ?? new StudioOptions();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudLocalizer, StudioMudLocalizer>();
        services.AddLocalization();
        services.AddCascadingAuthenticationState();
        services.TryAddSingleton(TimeProvider.System);

        AddDataProtection(services, studio.DataProtection);

        services.AddHttpClient(StudioApiClient.HttpClientName);
        services.TryAddSingleton<StudioServerAddress>();
        services.TryAddSingleton<StudioSignIn>();
        services.TryAddScoped<StudioSession>();
        services.TryAddScoped<StudioApiClient>();
        services.AddStudioFeatures();

        // The API keeps its own default scheme. The studio's cookie is named in the studio's policy and branch only.
        services.Configure<AuthenticationOptions>(options => options.DefaultScheme ??= StudioAuthentication.CookieScheme);
        var authentication = services.AddAuthentication()
            .AddCookie(StudioAuthentication.CookieScheme, options =>
            {
                options.Cookie.Name = "modelengine.studio";
                options.Cookie.Path = studio.PathBase;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.SlidingExpiration = false;
                options.Events.OnValidatePrincipal = context =>
                    context.HttpContext.RequestServices.GetRequiredService<StudioSignIn>().ValidateAsync(context);
            });

        if (studio.Oidc.IsEnabled)
        {
            authentication.AddOpenIdConnect(StudioAuthentication.OidcScheme, options =>
            {
                options.Authority = studio.Oidc.Authority;
                options.ClientId = studio.Oidc.ClientId;
                options.ClientSecret = studio.Oidc.ClientSecret;
                options.RequireHttpsMetadata = studio.Oidc.RequireHttpsMetadata;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.SaveTokens = false;
                options.SignInScheme = StudioAuthentication.CookieScheme;
                options.CallbackPath = "/signin-oidc";
                options.SignedOutCallbackPath = "/signout-callback-oidc";
                options.MapInboundClaims = false;
                if (!studio.Oidc.RequireHttpsMetadata)
                {
                    // The correlation and nonce cookies default to Secure and SameSite=None, so a browser never returns
                    // them to a studio served over plain HTTP and the callback fails with "Correlation failed". A
                    // development setup gets cookies that follow the request's scheme, and Lax because a provider on
                    // another loopback port is the same site.
                    options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                    options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                    options.NonceCookie.SameSite = SameSiteMode.Lax;
                }

                foreach (var scope in studio.Oidc.Scopes)
                {
                    options.Scope.Add(scope);
                }

                options.Events.OnTokenValidated = context =>
                {
                    // The cookie principal comes from the access token, the one the server reads, so menus follow the
                    // same groups that the server checks.
                    var accessToken = context.TokenEndpointResponse?.AccessToken;
                    if (string.IsNullOrEmpty(accessToken))
                    {
                        context.Fail("The OpenID Connect provider returned no access token. Request a scope that grants one.");
                        return Task.CompletedTask;
                    }

                    var signIn = context.HttpContext.RequestServices.GetRequiredService<StudioSignIn>();
                    context.Principal = signIn.CreatePrincipal(accessToken, refreshToken: null, studio.Oidc.NameClaim, studio.Oidc.GroupsClaim);
                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(StudioAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(StudioAuthentication.CookieScheme)
                .RequireAuthenticatedUser());
        return services;
    }

    private static void AddDataProtection(IServiceCollection services, StudioDataProtectionOptions options)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(StudioDataProtectionOptions.ApplicationName);
        if (!string.IsNullOrWhiteSpace(options.KeysPath))
        {
            // Every replica and every restart reads the same key ring, so a studio cookie stays valid across them.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(options.KeysPath));
        }
    }
}
