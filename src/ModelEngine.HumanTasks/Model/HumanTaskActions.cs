namespace ModelEngine.HumanTasks.Model;

/// <summary>The <c>action</c> names of task history entries.</summary>
public static class HumanTaskActions
{
    public const string Create = "create";
    public const string Claim = "claim";
    public const string Release = "release";
    public const string Start = "start";
    public const string Stop = "stop";
    public const string Delegate = "delegate";
    public const string Resolve = "resolve";
    public const string Forward = "forward";
    public const string Reassign = "reassign";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Complete = "complete";
    public const string Fail = "fail";
    public const string Skip = "skip";
    public const string SetPriority = "set-priority";
    public const string SetDueDate = "set-due-date";
    public const string SetFollowUpDate = "set-follow-up-date";
    public const string Comment = "comment";
    public const string Attach = "attach";
    public const string Detach = "detach";
    public const string SaveDraft = "save-draft";
    public const string Overdue = "overdue";
    public const string Escalate = "escalate";
    public const string Remind = "remind";

    /// <summary>The task ended because its instance was cancelled, or an admin ended it.</summary>
    public const string Exit = "exit";

    /// <summary>The task was no longer needed: a vote was decided or a join went another way.</summary>
    public const string Obsolete = "obsolete";

    /// <summary>The actor of changes the engine makes by itself, such as a deadline or a closed vote.</summary>
    public const string SystemActor = "system";
}
