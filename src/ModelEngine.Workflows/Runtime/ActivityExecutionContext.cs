using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// The view an activity has while it runs: its inputs, its own state, the instance's variables, and the operations that
/// complete it, suspend it on a bookmark or record changes for the commit.
/// </summary>
public sealed class ActivityExecutionContext
{
    internal ActivityExecutionContext(WorkflowExecutionContext workflowContext, ActivityInstanceState instance, Activity activity)
    {
        WorkflowContext = workflowContext;
        Instance = instance;
        Activity = activity;
    }

    public WorkflowExecutionContext WorkflowContext { get; }

    public ActivityInstanceState Instance { get; }

    public Activity Activity { get; }

    public Workflow Workflow => WorkflowContext.Workflow;

    public string WorkflowInstanceId => WorkflowContext.State.Id;

    /// <summary>State this activity instance keeps between execute and resume.</summary>
    public JsonObject Properties => Instance.Properties;

    public IServiceProvider Services => WorkflowContext.Services;

    public TimeProvider TimeProvider => WorkflowContext.TimeProvider;

    public CancellationToken CancellationToken => WorkflowContext.CancellationToken;

    /// <summary>The bookmark being resumed, during <see cref="Activity.ResumeAsync"/>.</summary>
    public BookmarkState? ResumedBookmark { get; internal set; }

    /// <summary>The input sent with the resume, during <see cref="Activity.ResumeAsync"/>.</summary>
    public JsonNode? ResumeInput { get; internal set; }

    public bool IsCompleted { get; private set; }

    /// <summary>Evaluates an input and converts the value to <typeparamref name="T"/>.</summary>
    public ValueTask<T?> EvaluateAsync<T>(Input<T>? input, string inputName) =>
        WorkflowContext.EvaluateInputAsync(this, input, inputName);

    /// <summary>Evaluates an expression that is not a wrapped input, such as a FlowSwitch case condition.</summary>
    public ValueTask<T?> EvaluateAsync<T>(Models.Expression expression, string inputName) =>
        WorkflowContext.EvaluateExpressionAsync<T>(this, expression, inputName);

    /// <summary>Completes the activity and sends a token through each of <paramref name="outcomes"/>.</summary>
    public ValueTask CompleteAsync(params string[] outcomes) => CompleteAsync((IReadOnlyList<string>)outcomes);

    /// <summary>Completes the activity and sends a token through each of <paramref name="outcomes"/> (default <c>Done</c>).</summary>
    public async ValueTask CompleteAsync(IReadOnlyList<string> outcomes)
    {
        if (IsCompleted)
        {
            return;
        }

        IsCompleted = true;
        await WorkflowContext.CompleteActivityAsync(this, outcomes.Count == 0 ? WorkflowExecutionContext.DefaultOutcomes : outcomes);
    }

    /// <summary>
    /// Suspends the activity until the returned bookmark is resumed. With <paramref name="dueAt"/> the bookmark is also
    /// a durable timer that resumes it at that time.
    /// </summary>
    public BookmarkState CreateBookmark(JsonNode? payload = null, DateTimeOffset? dueAt = null) =>
        WorkflowContext.CreateBookmark(this, payload, dueAt);

    /// <summary>Stores an output value and copies it into the variable its <c>memoryReference</c> names.</summary>
    /// <summary>
    /// Removes the bookmarks of this activity instance that <paramref name="predicate"/> selects, such as the timers of
    /// one of several tasks, with their timer rows in this step's commit. Returns how many it removed.
    /// </summary>
    public int RemoveBookmarks(Func<State.BookmarkState, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return WorkflowContext.RemoveBookmarks(Instance.Id, predicate);
    }

    public void SetOutput(string outputName, JsonNode? value, Output? output = null) =>
        WorkflowContext.SetOutput(this, outputName, value, output);

    /// <summary>Writes a record to the instance's journal.</summary>
    public void Journal(string eventName, string? message = null, JsonNode? payload = null) =>
        WorkflowContext.AddJournal(eventName, Activity, message, payload);

    /// <summary>Adds a change owned by another module, such as a new human task, to this step's commit.</summary>
    public void AddChange(object change) => WorkflowContext.Changes.Add(change);

    /// <summary>Schedules <paramref name="child"/> as a new activity instance owned by this one, and returns that instance.</summary>
    public ActivityInstanceState ScheduleChild(Activity child) => WorkflowContext.Schedule(child, Instance.Id);

    /// <summary>Lists the child activity instances that are scheduled, running or waiting.</summary>
    public IEnumerable<ActivityInstanceState> GetActiveChildren() => WorkflowContext.GetChildren(Instance.Id);

    /// <summary>Cancels a child activity instance and everything inside it.</summary>
    public ValueTask CancelChildAsync(ActivityInstanceState child, CancellationReason reason) =>
        WorkflowContext.CancelActivityAsync(child, reason);

    /// <summary>Ends the enclosing loop. Returns <see langword="false"/> when the activity is not inside a loop.</summary>
    public ValueTask<bool> BreakLoopAsync() => WorkflowContext.BreakLoopAsync(this);

    /// <summary>
    /// Starts a child instance of <paramref name="workflow"/>, inserted in this step's commit. With
    /// <paramref name="wait"/>, this activity suspends until the child ends and is resumed with its output.
    /// Returns the child's instance id.
    /// </summary>
    public string StartChildWorkflow(Workflow workflow, JsonObject? input, string? correlationId, bool wait) =>
        WorkflowContext.StartChild(this, workflow, input, correlationId, wait);

    /// <summary>Cancels a child instance once this step has committed.</summary>
    public void CancelChildWorkflowAfterCommit(string childInstanceId) => WorkflowContext.CancelChildAfterCommit(childInstanceId);

    /// <summary>
    /// Sets a variable by name or id. Inside a ParallelForEach body, a variable that the body scopes (its current
    /// value) is set for that body alone.
    /// </summary>
    public void SetVariable(string nameOrId, JsonNode? value) => WorkflowContext.SetVariable(Instance, nameOrId, value);

    /// <summary>Ends the whole instance as Finished, making every other activity and open task obsolete.</summary>
    public ValueTask FinishWorkflowAsync() => WorkflowContext.FinishAsync(this);
}
