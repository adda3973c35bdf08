namespace ModelEngine.Studio.Localization;

/// <summary>The marker of the shell's strings: menus, buttons and messages that every screen uses.</summary>
public sealed class SharedResources;
