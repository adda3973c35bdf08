using ModelEngine.HumanTasks.Inbox;
using ModelEngine.HumanTasks.Substitutes;
using ModelEngine.Server.Endpoints.Contracts;
using ModelEngine.Server.Problems;

namespace ModelEngine.Server.Endpoints;

/// <summary>
/// <c>/api/tasks/substitutes</c>: out-of-office rules. A user manages the rules for their own absence and lists the rules
/// where they are the substitute; admins manage everyone's.
/// </summary>
internal static class SubstituteEndpoints
{
    public static RouteGroupBuilder MapSubstituteEndpoints(this RouteGroupBuilder tasks)
    {
        var group = tasks.MapGroup("/substitutes");
        group.MapGet("/", ListAsync)
            .WithSummary("Lists the rules where the caller is away or stands in; admins may pass ?user= or ?all=true.")
            .Produces<ListResponse<SubstituteRule>>();
        group.MapPost("/", CreateAsync).WithSummary("Adds a rule that sends a user's tasks to a substitute between two instants.")
            .Produces<SubstituteRule>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/{id}", DeleteAsync).WithSummary("Deletes a rule of the caller's absence; admins may delete any rule.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return tasks;
    }

    private static async Task<ListResponse<SubstituteRule>> ListAsync(
        string? user, bool? all, HttpContext context, ISubstituteStore substitutes, CancellationToken cancellationToken)
    {
        var caller = context.GetUser();
        if (!caller.IsAdmin && ((user is not null && user != caller.Name) || all == true))
        {
            throw new TaskForbiddenException("Only admins may list the substitute rules of other users. Omit 'user' and 'all' to list your own.");
        }

        var listed = all == true ? null : user ?? caller.Name;
        var rules = await substitutes.ListAsync(listed, cancellationToken);
        return new ListResponse<SubstituteRule>(rules, rules.Count);
    }

    private static async Task<IResult> CreateAsync(
        SubstituteRuleBody? body, HttpContext context, ISubstituteStore substitutes, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var caller = context.GetUser();
        var user = string.IsNullOrWhiteSpace(body?.User) ? caller.Name : body.User.Trim();
        if (user != caller.Name && !caller.IsAdmin)
        {
            throw new TaskForbiddenException($"Only admins may add substitute rules for other users. Omit 'user' to add a rule for your own absence.");
        }

        if (string.IsNullOrWhiteSpace(body?.Substitute))
        {
            throw new RequestValidationException("$.substitute", body?.Substitute, "A rule needs 'substitute', the user who works the tasks meanwhile.");
        }

        var substitute = body.Substitute.Trim();
        TaskLimits.CheckName("$.user", user);
        TaskLimits.CheckName("$.substitute", substitute);
        if (substitute == user)
        {
            throw new RequestValidationException("$.substitute", substitute, $"'{user}' cannot substitute for themselves. Name another user.");
        }

        var from = TaskSearchRequestReader.ReadDate(body.From, "$.from")
            ?? throw new RequestValidationException("$.from", body.From, "A rule needs 'from', when the absence starts, such as 2026-03-01T00:00:00Z.");
        var to = TaskSearchRequestReader.ReadDate(body.To, "$.to")
            ?? throw new RequestValidationException("$.to", body.To, "A rule needs 'to', when the absence ends, such as 2026-03-08T00:00:00Z.");
        if (from >= to)
        {
            throw new RequestValidationException("$.to", body.To, $"'to' ({to:O}) must be after 'from' ({from:O}).");
        }

        var rule = new SubstituteRule
        {
            Id = Guid.NewGuid().ToString("N"),
            User = user,
            Substitute = substitute,
            From = from,
            To = to,
            CreatedBy = caller.Name,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        await substitutes.AddAsync(rule, cancellationToken);
        return Results.Created($"/api/tasks/substitutes/{rule.Id}", rule);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, ISubstituteStore substitutes, CancellationToken cancellationToken)
    {
        var caller = context.GetUser();
        var rule = await substitutes.FindAsync(id, cancellationToken);
        if (rule is null || (!caller.IsAdmin && rule.User != caller.Name && rule.Substitute != caller.Name))
        {
            throw new TaskNotFoundException($"Substitute rule '{id}' was not found. List your rules with GET /api/tasks/substitutes.");
        }

        if (!caller.IsAdmin && rule.User != caller.Name)
        {
            throw new TaskForbiddenException($"Only '{rule.User}', who is away, or an admin may delete substitute rule '{id}'.");
        }

        return await substitutes.RemoveAsync(id, cancellationToken)
            ? Results.NoContent()
            : throw new TaskNotFoundException($"Substitute rule '{id}' was not found. List your rules with GET /api/tasks/substitutes.");
    }
}
