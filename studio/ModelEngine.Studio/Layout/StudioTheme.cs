using MudBlazor;

namespace ModelEngine.Studio.Layout;

/// <summary>The studio's theme. Its text and background pairs keep a contrast of at least 4.5:1 (WCAG 2.1 AA).</summary>
public static class StudioTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00695c",
            Success = "#2e7d32",
            Warning = "#8a5300",
            Error = "#c62828",
            Info = "#0d5ea6",
            AppbarBackground = "#283593",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
    };
}
