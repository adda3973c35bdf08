using System.Security.Claims;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace ModelEngine.Studio.Tests;

/// <summary>
/// A bUnit context with MudBlazor, localization, a signed-in user and <see cref="ScriptedStudioApi"/> in place of the
/// server. Tests derive from it, script the API, then render components.
/// </summary>
public abstract class StudioTestContext : BunitContext
{
    private protected StudioTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, StudioMudLocalizer>();
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton<StudioApiClient>(Api);
        Auth = AddAuthorization();
        SignIn("bob", "managers");
    }

    internal ScriptedStudioApi Api { get; } = new();

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    internal BunitAuthorizationContext Auth { get; }

    /// <summary>Signs in <paramref name="userName"/> with these groups, as the studio cookie would.</summary>
    internal void SignIn(string userName, params string[] groups)
    {
        Auth.SetAuthorized(userName);
        Auth.SetClaims(groups.Select(g => new Claim(StudioAuthentication.GroupClaim, g)).Append(new Claim(StudioAuthentication.AccessTokenClaim, "test-token")).ToArray());
        Auth.SetPolicies(StudioAuthentication.Policy);
    }

    /// <summary>Renders <typeparamref name="T"/> inside the MudBlazor providers that dialogs, menus and snackbars need.</summary>
    internal IRenderedComponent<T> RenderWithProviders<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : Microsoft.AspNetCore.Components.IComponent
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        return Render(parameters ?? (_ => { }));
    }
}
