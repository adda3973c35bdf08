namespace ModelEngine.Server.Identity;

/// <summary>The names of the authorization policies that endpoints require.</summary>
internal static class AccessPolicies
{
    /// <summary>Saving, publishing, importing and exporting definitions: the admins or designers group.</summary>
    public const string DefinitionWriter = "DefinitionWriter";

    /// <summary>Listing and completing RunTasks: an API key client or the admins group.</summary>
    public const string RunTaskWorker = "RunTaskWorker";

    /// <summary>Triggering events: an API key client or the admins group.</summary>
    public const string EventTrigger = "EventTrigger";

    /// <summary>Reading the FIT operator catalog (genericables, fitables and workers): the admins or designers group.</summary>
    public const string OperatorReader = "OperatorReader";

    /// <summary>Reading the audit log and managing API keys: the admins group.</summary>
    public const string Admin = "Admin";
}
