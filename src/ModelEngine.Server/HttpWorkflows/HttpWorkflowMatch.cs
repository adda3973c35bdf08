using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.HttpWorkflows;

/// <summary>
/// What a request under <c>/workflows/</c> reaches: the bookmark of a waiting instance to resume, or else the trigger
/// of a published definition to start, with the route values and the access rule of its HttpEndpoint.
/// </summary>
internal sealed record HttpWorkflowMatch(
    IReadOnlyDictionary<string, string> RouteValues,
    bool Authorize,
    string? Policy,
    HttpTrigger? Trigger,
    BookmarkRecord? Bookmark);
