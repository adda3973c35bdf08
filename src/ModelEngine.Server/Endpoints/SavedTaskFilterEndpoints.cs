using ModelEngine.HumanTasks.Filters;
using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Search;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/tasks/filters</c>: each user's named task searches. A filter of another user returns 404, as if it did not
/// exist.
/// </summary>
internal static class SavedTaskFilterEndpoints
{
    public static RouteGroupBuilder MapSavedTaskFilterEndpoints(this RouteGroupBuilder tasks)
    {
        var group = tasks.MapGroup("/filters");
        group.MapGet("/", ListAsync).WithSummary("Lists the caller's saved filters by name.");
        group.MapGet("/{id}", GetAsync).WithSummary("Returns one of the caller's saved filters.")
            .Produces<SavedTaskFilterResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithSummary("Saves a named filter for the caller; the name must be new among their filters.")
            .Produces<SavedTaskFilterResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id}", UpdateAsync).WithSummary("Replaces the name, filter and sort of one of the caller's saved filters.")
            .Produces<SavedTaskFilterResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes one of the caller's saved filters.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tasks;
    }

    private static async Task<ListResponse<SavedTaskFilterResponse>> ListAsync(
        HttpContext context, ISavedTaskFilterStore filters, CancellationToken cancellationToken)
    {
        var owned = await filters.ListAsync(context.GetUser().Name, cancellationToken);
        return new ListResponse<SavedTaskFilterResponse>(owned.Select(ToResponse).ToList(), owned.Count);
    }

    private static async Task<SavedTaskFilterResponse> GetAsync(
        string id, HttpContext context, ISavedTaskFilterStore filters, CancellationToken cancellationToken) =>
        ToResponse(await FindOwnedAsync(id, context, filters, cancellationToken));

    private static async Task<IResult> CreateAsync(
        SavedTaskFilterBody? body, HttpContext context, ISavedTaskFilterStore filters, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var (name, filter, sort) = Read(body);
        var now = timeProvider.GetUtcNow();
        var saved = new SavedTaskFilter
        {
            Id = Guid.NewGuid().ToString("N"),
            Owner = context.GetUser().Name,
            Name = name,
            Filter = filter,
            Sort = sort.ToString(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await filters.AddAsync(saved, cancellationToken);
        return Results.Created($"/api/tasks/filters/{saved.Id}", ToResponse(saved));
    }

    private static async Task<SavedTaskFilterResponse> UpdateAsync(
        string id, SavedTaskFilterBody? body, HttpContext context, ISavedTaskFilterStore filters, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var existing = await FindOwnedAsync(id, context, filters, cancellationToken);
        var (name, filter, sort) = Read(body);
        var saved = existing with { Name = name, Filter = filter, Sort = sort.ToString(), UpdatedAt = timeProvider.GetUtcNow() };
        if (!await filters.UpdateAsync(saved, cancellationToken))
        {
            throw NotFound(id);
        }

        return ToResponse(saved);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ISavedTaskFilterStore filters, CancellationToken cancellationToken)
    {
        await FindOwnedAsync(id, context, filters, cancellationToken);
        return await filters.RemoveAsync(id, cancellationToken) ? Results.NoContent() : throw NotFound(id);
    }

    private static async Task<SavedTaskFilter> FindOwnedAsync(string id, HttpContext context, ISavedTaskFilterStore filters, CancellationToken cancellationToken)
    {
        var filter = await filters.FindAsync(id, cancellationToken);
        return filter is not null && filter.Owner == context.GetUser().Name ? filter : throw NotFound(id);
    }

    /// <summary>Checks the body as a search would read it, so a saved filter always runs.</summary>
    private static (string Name, System.Text.Json.Nodes.JsonObject Filter, TaskSort Sort) Read(SavedTaskFilterBody? body)
    {
        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            throw new RequestValidationException("$.name", body?.Name, "A saved filter needs 'name', such as \"Due this week\".");
        }

        var filter = body.Filter ?? [];
        TaskSearchRequestReader.ReadFilter(filter, "$.filter");
        var sort = TaskSearchRequestReader.ReadSort(body.Sort, "$.sort");
        TaskLimits.CheckName("$.name", body.Name.Trim());
        return (body.Name.Trim(), filter, sort);
    }

    private static SavedTaskFilterResponse ToResponse(SavedTaskFilter filter)
    {
        var sort = TaskSearchParser.ParseSort(filter.Sort);
        var field = sort.ToString()[..sort.ToString().IndexOf(':', StringComparison.Ordinal)];
        return new SavedTaskFilterResponse(
            filter.Id, filter.Name, filter.Filter, new TaskSortBody(field, sort.Descending ? "desc" : "asc"), filter.CreatedAt, filter.UpdatedAt);
    }

    private static TaskNotFoundException NotFound(string id) =>
        new($"Saved filter '{id}' was not found among your filters. List them with GET /api/tasks/filters.");
}
