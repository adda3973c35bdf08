namespace ModelEngine.Server.Notifications.Directory;

/// <summary>Where and in which language a user receives e-mail.</summary>
/// <param name="Language">A language tag; <c>zh</c> and tags that start with <c>zh-</c> select Simplified Chinese, anything else English.</param>
public sealed record UserContact(string UserName, string Address, string Language);
