using ModelEngine.Workflows.Security;

namespace ModelEngine.HumanTasks.Search;

/// <summary>Finds the tasks a user can see by filter, in a stable order, one page at a time.</summary>
public interface ITaskSearch
{
    /// <summary>
    /// Returns one page of the tasks that <paramref name="user"/> can see and that match the request's filter. The user
    /// also finds the tasks of the users they substitute for at <paramref name="now"/>, where those users are the holder
    /// or a candidate user.
    /// </summary>
    Task<TaskSearchResult> SearchAsync(UserIdentity user, TaskSearchRequest request, DateTimeOffset now, CancellationToken cancellationToken = default);
}
