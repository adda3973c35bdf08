using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Workflows.Persistence;

/// <summary>
/// Filters for listing instances, newest first: by CreatedAt and then by Id, both descending. When
/// <see cref="VisibleTo"/> is set, only instances that user may read are returned: those they started and those with a
/// task they hold or are a candidate for. When <see cref="After"/> is set, the list starts after that position and
/// the page number is ignored, so instances created meanwhile never shift the pages (keyset paging).
/// <see cref="Page{T}.TotalCount"/> counts every match, before and after the position. <see cref="Initiator"/> keeps the
/// instances that user name started, on top of the visibility rule.
/// </summary>
public sealed record InstanceListQuery(
    PageRequest Page,
    string? DefinitionId = null,
    WorkflowStatus? Status = null,
    WorkflowSubStatus? SubStatus = null,
    string? CorrelationId = null,
    UserIdentity? VisibleTo = null,
    InstanceCursor? After = null,
    string? Initiator = null);
