namespace ModelEngine.Server.Identity;

/// <summary>The claim types in access tokens and API key principals.</summary>
internal static class ServerClaimTypes
{
    public const string Name = "name";
    public const string Subject = "sub";
    public const string Groups = "groups";
}
