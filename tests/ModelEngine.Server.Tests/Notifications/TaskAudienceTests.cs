using ModelEngine.HumanTasks.Model;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Server.Notifications.LiveInbox;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>Who a task event concerns: named users, candidate groups, admins and substitutes, less excluded members.</summary>
public sealed class TaskAudienceTests
{
    private static readonly DateTimeOffset s_at = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Audience_IncludesEveryConcernedRole()
    {
        var taskEvent = Event(Task() with
        {
            Assignee = "carol",
            Owner = "olga",
            CandidateUsers = ["cathy"],
            CandidateGroups = ["managers"],
            BusinessAdministrators = ["boss"],
            ExcludedUsers = ["eve"],
        }, previousAssignee: "bob");
        var audience = await TaskAudience.ForAsync(taskEvent, new Substitutes(("carol", "sam")), CancellationToken.None);

        Assert.True(audience.Includes(User("carol")));
        Assert.True(audience.Includes(User("bob")));
        Assert.True(audience.Includes(User("olga")));
        Assert.True(audience.Includes(User("cathy")));
        Assert.True(audience.Includes(User("boss")));
        Assert.True(audience.Includes(User("sam")));
        Assert.True(audience.Includes(User("mia", "managers")));
        Assert.True(audience.Includes(User("root", UserIdentity.AdminsGroup)));
        Assert.False(audience.Includes(User("eve", "managers")));
        Assert.False(audience.Includes(User("dave", "designers")));
    }

    [Fact]
    public async Task Audience_WithoutSubstituteStore_SkipsSubstitutes()
    {
        var audience = await TaskAudience.ForAsync(Event(Task() with { Assignee = "carol" }, null), null, CancellationToken.None);

        Assert.True(audience.Includes(User("carol")));
        Assert.False(audience.Includes(User("sam")));
    }

    private static UserIdentity User(string name, params string[] groups) => new(name, groups.ToHashSet(StringComparer.Ordinal));

    private static HumanTask Task() => new()
    {
        Id = "task-1",
        WorkflowInstanceId = "instance-1",
        DefinitionId = "review",
        ActivityId = "review",
        ActivityInstanceId = "activity-1",
        BookmarkId = "bookmark-1",
        Title = "Review",
        Status = HumanTaskStatus.Reserved,
        CreatedAt = s_at,
    };

    private static HumanTaskEvent Event(HumanTask task, string? previousAssignee) => new()
    {
        Id = "event-1",
        Kind = HumanTaskEventKind.Assigned,
        Task = task,
        Actor = "admin",
        PreviousAssignee = previousAssignee,
        At = s_at,
    };

    /// <summary>Substitute rules as (away user, substitute) pairs, live at any time.</summary>
    private sealed class Substitutes(params (string User, string Substitute)[] rules) : ISubstituteStore
    {
        public Task<IReadOnlyList<string>> GetSubstitutesAsync(string user, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            System.Threading.Tasks.Task.FromResult<IReadOnlyList<string>>(rules.Where(rule => rule.User == user).Select(rule => rule.Substitute).ToList());

        public Task<IReadOnlyList<string>> GetPrincipalsAsync(string substitute, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<SubstituteRule>> ListAsync(string? user, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SubstituteRule?> FindAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task AddAsync(SubstituteRule rule, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
