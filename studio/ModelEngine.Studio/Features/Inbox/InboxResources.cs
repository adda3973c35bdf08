namespace ModelEngine.Studio.Features.Inbox;

/// <summary>The marker of the inbox screens' strings, in InboxResources.resx and InboxResources.zh-CN.resx.</summary>
public sealed class InboxResources;
