namespace ModelEngine.Studio.Features.Instances;

/// <summary>
/// The status filter choices of the instance list. A choice is a status alone (<c>Running</c>) or a status and a
/// sub-status (<c>Running/Suspended</c>), and maps to the list API's <c>status</c> and <c>subStatus</c> parameters.
/// </summary>
public static class InstanceFilters
{
    public static IReadOnlyList<string> StatusChoices { get; } =
    [
        "Running",
        "Running/Pending",
        "Running/Executing",
        "Running/Suspended",
        "Finished",
        "Finished/Finished",
        "Finished/Cancelled",
        "Finished/Faulted",
    ];

    /// <summary>Splits a choice into status and sub-status. An empty choice gives neither.</summary>
    public static (string? Status, string? SubStatus) Split(string? choice)
    {
        if (string.IsNullOrEmpty(choice))
        {
            return (null, null);
        }

        var parts = choice.Split('/', 2);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    /// <summary>Joins status and sub-status into a choice, as the inverse of <see cref="Split"/>.</summary>
    public static string Join(string? status, string? subStatus) =>
        string.IsNullOrEmpty(status) ? string.Empty
        : string.IsNullOrEmpty(subStatus) ? status
        : status + "/" + subStatus;
}
