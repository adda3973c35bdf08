namespace ModelEngine.HumanTasks.Inbox;

/// <summary>The longest values a task keeps, which match the column sizes of the task tables.</summary>
public static class TaskLimits
{
    /// <summary>The longest user, group or file name, in characters.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The longest task title, in characters.</summary>
    public const int MaxTitleLength = 512;

    /// <summary>Throws <see cref="TaskValidationException"/> when <paramref name="name"/> is longer than <see cref="MaxNameLength"/>.</summary>
    public static void CheckName(string field, string? name)
    {
        if (name is not null && name.Length > MaxNameLength)
        {
            throw new TaskValidationException(field, name[..40] + "…",
                $"'{field}' has {name.Length} characters; names may have at most {MaxNameLength}. Use the user's or group's sign-in name.");
        }
    }
}
