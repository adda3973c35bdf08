namespace ModelEngine.Studio.Localization;

/// <summary>
/// The marker of the translations of MudBlazor's own texts, such as pager buttons and close buttons. The keys are
/// MudBlazor's <c>LanguageResource</c> keys, plus the <c>StudioTablePager_*</c> texts that <c>MudTablePager</c> takes
/// as parameters.
/// </summary>
public sealed class MudBlazorResources;
