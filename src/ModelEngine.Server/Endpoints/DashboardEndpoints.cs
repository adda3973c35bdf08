using System.Globalization;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;
using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>GET /api/dashboard</c>: aggregate counts for the studio's dashboard over the last <c>days</c> UTC days. Admins and
/// designers count every instance; other callers count the instances they may read and the tasks they can see.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The number of overdue tasks and of faulting activities the dashboard lists.</summary>
    public const int TopCount = 10;

    public const int DefaultDays = 14;

    public const int MaxDays = 90;

    public static RouteGroupBuilder MapDashboardEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dashboard", GetAsync).WithTags("Dashboard")
            .WithSummary("Returns instances by status, daily throughput, overdue tasks and the activities that fault most.")
            .Produces<DashboardResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<DashboardResponse> GetAsync(
        string? days,
        HttpContext context,
        IWorkflowStatistics statistics,
        ITaskSearch taskSearch,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var dayCount = ParseDays(days);
        var user = context.GetUser();
        var visibleTo = user.IsAdmin || user.IsDesigner ? null : user;
        var now = timeProvider.GetUtcNow();
        var firstDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - dayCount);
        var periodStart = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var byStatus = await statistics.CountByStatusAsync(visibleTo, cancellationToken);
        var throughput = await statistics.CountByDayAsync(firstDay, dayCount, visibleTo, cancellationToken);
        var faulting = await statistics.ListFaultingActivitiesAsync(periodStart, TopCount, visibleTo, cancellationToken);

        // The task search applies the task visibility rules, admins included, and sorts the open tasks due before now
        // by due date, so the first page contains the most overdue ones.
        var overdueRequest = new TaskSearchRequest
        {
            Filter = new TaskSearchFilter { DueBefore = now },
            Sort = new TaskSort(TaskSortField.DueAt, Descending: false),
            PageSize = TopCount,
        };
        var overdue = await taskSearch.SearchAsync(user, overdueRequest, now, cancellationToken);
        var overdueTasks = new OverdueTasksResponse(overdue.TotalCount, overdue.Items.Select(TaskResponse.From).ToList());

        return new DashboardResponse(byStatus, throughput, overdueTasks, faulting);
    }

    private static int ParseDays(string? days)
    {
        if (days is null)
        {
            return DefaultDays;
        }

        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > MaxDays)
        {
            throw new RequestValidationException("days", days,
                $"Query parameter 'days' is '{days}'; it must be an integer from 1 to {MaxDays}, the number of UTC days up to today.");
        }

        return value;
    }
}
