using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime.State;

namespace ModelEngine.Workflows.Runtime;

public sealed partial class WorkflowExecutionContext
{
    internal BookmarkState CreateBookmark(ActivityExecutionContext context, JsonNode? payload, DateTimeOffset? dueAt, string? name = null)
    {
        var bookmark = new BookmarkState
        {
            Id = NewId(),
            Name = name ?? context.Activity.Type,
            NodeId = context.Activity.NodeId,
            ActivityId = context.Activity.Id,
            ActivityInstanceId = context.Instance.Id,
            Payload = payload,
            CreatedAt = TimeProvider.GetUtcNow(),
            DueAt = dueAt,
        };

        State.Bookmarks.Add(bookmark);
        _addedBookmarks.Add(bookmark.Id, bookmark);
        return bookmark;
    }

    private void RemoveBookmarksOf(string activityInstanceId) =>
        RemoveBookmarks(activityInstanceId, static _ => true);

    /// <summary>Removes the bookmarks of an activity instance that <paramref name="predicate"/> selects.</summary>
    internal int RemoveBookmarks(string activityInstanceId, Func<BookmarkState, bool> predicate)
    {
        var removed = 0;
        for (var i = State.Bookmarks.Count - 1; i >= 0; i--)
        {
            var bookmark = State.Bookmarks[i];
            if (bookmark.ActivityInstanceId != activityInstanceId || !predicate(bookmark))
            {
                continue;
            }

            removed++;
            State.Bookmarks.RemoveAt(i);

            // A bookmark created and dropped in the same step never reaches the database.
            if (!_addedBookmarks.Remove(bookmark.Id))
            {
                _removedBookmarkIds.Add(bookmark.Id);
            }
        }

        return removed;
    }

    internal void SetOutput(ActivityExecutionContext context, string outputName, JsonNode? value, Output? output)
    {
        var activityId = context.Activity.Id;
        if (State.ActivityOutputs[activityId] is not JsonObject outputs)
        {
            outputs = [];
            State.ActivityOutputs[activityId] = outputs;
        }

        outputs[outputName] = value?.DeepClone();
        SetScopedOutput(context.Instance, activityId, outputName, value);
        if (outputName == "result")
        {
            State.LastResult = value?.DeepClone();
        }

        if (output?.MemoryReference is { } reference)
        {
            SetVariable(context.Instance, reference.Id, value);
        }
    }

    /// <summary>Writes a journal record for this step's commit.</summary>
    public void AddJournal(string eventName, Activity? activity, string? message, JsonNode? payload) =>
        AddJournal(eventName, activity, message, payload?.ToJsonString());

    /// <summary>Writes a journal record whose payload is already JSON text.</summary>
    public void AddJournal(string eventName, Activity? activity, string? message, string? payloadJson)
    {
        State.JournalSequence++;
        JournalEntries.Add(new JournalEntry(
            State.Id,
            State.JournalSequence,
            TimeProvider.GetUtcNow(),
            eventName,
            activity?.Id,
            activity?.Type,
            message,
            payloadJson));
    }
}
