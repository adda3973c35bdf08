using System.Text.Json.Nodes;
using ModelEngine.Workflows.Runtime.Composition;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

public sealed partial class WorkflowExecutionContext
{
    private readonly List<WorkflowExecutionContext> _startedChildren = [];
    private readonly List<string> _childrenToCancel = [];

    /// <summary>Child instances started during this step. They are inserted in this step's commit.</summary>
    public IReadOnlyList<WorkflowExecutionContext> StartedChildren => _startedChildren;

    /// <summary>Child instances to cancel once this step has committed, because the activity waiting for them was cancelled.</summary>
    public IReadOnlyList<string> ChildrenToCancel => _childrenToCancel;

    /// <summary>
    /// Creates a Pending child instance of <paramref name="workflow"/> that this step's commit inserts. With
    /// <paramref name="wait"/>, the activity suspends on a <see cref="ChildWorkflowBookmarks.BookmarkName"/> bookmark
    /// and the child records it as its parent link, so that the child's end resumes it. Returns the child's id.
    /// </summary>
    internal string StartChild(ActivityExecutionContext context, Workflow workflow, JsonObject? input, string? correlationId, bool wait)
    {
        var childId = NewId();
        ParentLink? parent = null;
        if (wait)
        {
            var payload = new JsonObject { [ChildWorkflowBookmarks.ChildInstanceIdProperty] = childId };
            var bookmark = CreateBookmark(context, payload, dueAt: null, ChildWorkflowBookmarks.BookmarkName);
            parent = new ParentLink(State.Id, bookmark.Id, context.Activity.Id);
        }

        var state = CreateState(workflow, childId, input, correlationId, State.Initiator, TimeProvider.GetUtcNow());
        state.Parent = parent;
        var child = new WorkflowExecutionContext(workflow, state, Services, _evaluators, TimeProvider, CancellationToken);
        child.AddJournal(JournalEvents.WorkflowStarted, null, $"Started by workflow instance {State.Id}, activity {context.Activity.Id}.", (string?)null);
        _startedChildren.Add(child);
        return childId;
    }

    /// <summary>Asks the runtime to cancel a child instance after this step commits.</summary>
    internal void CancelChildAfterCommit(string childInstanceId) => _childrenToCancel.Add(childInstanceId);
}
