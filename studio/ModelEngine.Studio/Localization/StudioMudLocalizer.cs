using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ModelEngine.Studio.Localization;

/// <summary>
/// Supplies MudBlazor's built-in texts in the studio's languages from <see cref="MudBlazorResources"/>. A key the
/// resources lack comes back as not found, so MudBlazor falls back to its own English text.
/// </summary>
internal sealed class StudioMudLocalizer(IStringLocalizer<MudBlazorResources> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] => localizer[key];

    public override LocalizedString this[string key, params object[] arguments] => localizer[key, arguments];
}
