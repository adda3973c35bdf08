using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Serialization;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Management;

/// <summary>
/// Saves and publishes definition versions with Elsa's versioning rules: one latest version and at most one published
/// version per definition, a new version after a publish, and drafts updated in place. Retract, revert and delete are
/// in WorkflowDefinitionService.Lifecycle.cs.
/// </summary>
public sealed partial class WorkflowDefinitionService : IWorkflowDefinitionService
{
    private const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    private readonly IWorkflowDefinitionStore _store;
    private readonly WorkflowLoader _loader;
    private readonly WorkflowGraphCache _graphs;
    private readonly IWorkflowInstanceStore _instances;
    private readonly IWorkflowRuntime _runtime;
    private readonly TimeProvider _timeProvider;
    private readonly IWorkflowPublicationHandler[] _publicationHandlers;
    private readonly ILogger<WorkflowDefinitionService> _logger;

    public WorkflowDefinitionService(
        IWorkflowDefinitionStore store,
        WorkflowLoader loader,
        WorkflowGraphCache graphs,
        IWorkflowInstanceStore instances,
        IWorkflowRuntime runtime,
        TimeProvider timeProvider,
        IEnumerable<IWorkflowPublicationHandler> publicationHandlers,
        ILogger<WorkflowDefinitionService> logger)
    {
        _publicationHandlers = publicationHandlers.ToArray();
        _store = store;
        _loader = loader;
        _graphs = graphs;
        _instances = instances;
        _runtime = runtime;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<SaveDefinitionResult> SaveAsync(JsonObject model, bool publish, string? actor, CancellationToken cancellationToken = default)
    {
        model = DefinitionKeyNormalizer.Normalize(model);
        var definitionId = ReadDefinitionId(model);
        var errors = _loader.Load(model).Errors;
        if (publish && errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }

        var now = _timeProvider.GetUtcNow();
        var latest = await _store.FindLatestAsync(definitionId, cancellationToken).ConfigureAwait(false);
        var published = publish ? await _store.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false) : null;
        var updates = new List<WorkflowDefinitionRecord>();

        WorkflowDefinitionRecord record;
        if (latest is null || latest.IsPublished)
        {
            // A new definition, or a change to a published one: both create a new version.
            record = NewVersion(model, definitionId, (latest?.Version ?? 0) + 1, publish, actor, now);
            if (latest is not null)
            {
                // Another version's save moves only the flags of this one: its updatedAt remains the time of its own last edit.
                updates.Add(latest with { IsLatest = false, IsPublished = latest.IsPublished && !publish });
            }
        }
        else
        {
            record = latest with
            {
                IsPublished = publish,
                Name = ReadString(model, "name"),
                Description = ReadString(model, "description"),
                UpdatedAt = now,
            };

            if (published is not null && published.Id != latest.Id)
            {
                updates.Add(published with { IsPublished = false });
            }
        }

        record = record with { ModelJson = WithHeader(model, record).ToJsonString(WorkflowJson.Options) };
        var workflow = publish ? await ValidatePublishAsync(record, cancellationToken).ConfigureAwait(false) : null;
        updates.Insert(0, record);
        await _store.SaveAsync(updates, cancellationToken).ConfigureAwait(false);
        _graphs.Invalidate(definitionId);
        if (workflow is not null)
        {
            await NotifyPublicationAsync(definitionId, workflow, cancellationToken).ConfigureAwait(false);
        }

        return new SaveDefinitionResult(record, latest is null, errors);
    }

    public async Task<WorkflowDefinitionRecord> PublishAsync(string definitionId, string? actor, CancellationToken cancellationToken = default)
    {
        var latest = await _store.FindLatestAsync(definitionId, cancellationToken).ConfigureAwait(false)
            ?? throw new WorkflowNotFoundException($"Workflow definition '{definitionId}' does not exist.");
        if (latest.IsPublished)
        {
            return latest;
        }

        var model = (JsonObject)JsonNode.Parse(latest.ModelJson)!;
        var errors = _loader.Load(model).Errors;
        if (errors.Count > 0)
        {
            throw new DefinitionValidationException(errors);
        }

        var now = _timeProvider.GetUtcNow();
        var record = latest with { IsPublished = true, UpdatedAt = now };
        record = record with { ModelJson = WithHeader(model, record).ToJsonString(WorkflowJson.Options) };
        var workflow = await ValidatePublishAsync(record, cancellationToken).ConfigureAwait(false);
        var updates = new List<WorkflowDefinitionRecord> { record };
        if (await _store.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false) is { } previous)
        {
            updates.Add(previous with { IsPublished = false });
        }

        await _store.SaveAsync(updates, cancellationToken).ConfigureAwait(false);
        _graphs.Invalidate(definitionId);
        await NotifyPublicationAsync(definitionId, workflow, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Builds the graph of a version about to be published and lets every publication handler refuse it.</summary>
    private async Task<Workflow> ValidatePublishAsync(WorkflowDefinitionRecord record, CancellationToken cancellationToken)
    {
        var workflow = _graphs.Get(record);
        foreach (var handler in _publicationHandlers)
        {
            await handler.ValidatePublishAsync(workflow, cancellationToken).ConfigureAwait(false);
        }

        return workflow;
    }

    private async Task NotifyPublicationAsync(string definitionId, Workflow? published, CancellationToken cancellationToken)
    {
        foreach (var handler in _publicationHandlers)
        {
            await handler.OnPublicationChangedAsync(definitionId, published, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<SaveDefinitionResult> ImportAsync(JsonObject model, string? actor, CancellationToken cancellationToken = default)
    {
        model = DefinitionKeyNormalizer.Normalize(model);
        var publish = model["isPublished"] is JsonValue flag && flag.TryGetValue(out bool isPublished) && isPublished;
        return SaveAsync(model, publish, actor, cancellationToken);
    }

    public async Task<JsonObject?> ExportAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var model = await GetLatestAsync(definitionId, cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return null;
        }

        var export = new JsonObject { ["$schema"] = SchemaUrl };
        foreach (var (key, value) in model)
        {
            export[key] = value?.DeepClone();
        }

        return export;
    }

    public async Task<JsonObject?> GetLatestAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var latest = await _store.FindLatestAsync(definitionId, cancellationToken).ConfigureAwait(false);
        return latest is null ? null : WithHeader((JsonObject)JsonNode.Parse(latest.ModelJson)!, latest);
    }

    public Task<Page<WorkflowDefinitionSummary>> ListAsync(DefinitionListQuery query, CancellationToken cancellationToken = default) =>
        _store.ListAsync(query, cancellationToken);

    private static WorkflowDefinitionRecord NewVersion(JsonObject model, string definitionId, int version, bool publish, string? actor, DateTimeOffset now) => new()
    {
        Id = NewId(),
        DefinitionId = definitionId,
        Version = version,
        Name = ReadString(model, "name"),
        Description = ReadString(model, "description"),
        IsLatest = true,
        IsPublished = publish,
        CreatedAt = now,
        UpdatedAt = now,
        CreatedBy = actor,
        ModelJson = "",
    };

    /// <summary>Returns a copy of the model whose header fields match the stored version.</summary>
    private static JsonObject WithHeader(JsonObject model, WorkflowDefinitionRecord record)
    {
        var copy = (JsonObject)model.DeepClone();
        copy.Remove("$schema");
        copy["id"] = record.Id;
        copy["definitionId"] = record.DefinitionId;
        copy["version"] = record.Version;
        copy["isLatest"] = record.IsLatest;
        copy["isPublished"] = record.IsPublished;
        copy["createdAt"] = record.CreatedAt.ToUniversalTime().ToString("O");
        copy["variables"] ??= new JsonArray();
        copy["inputs"] ??= new JsonArray();
        copy["outputs"] ??= new JsonArray();
        return copy;
    }

    /// <summary>
    /// Returns the client's <c>definitionId</c>, or a new one when it sent none. An id must be usable in a URL path,
    /// so anything but letters, digits, '.', '_' and '-' (1 to 128 characters) is rejected.
    /// </summary>
    private static string ReadDefinitionId(JsonObject model)
    {
        var node = model["definitionId"];
        if (node is null || (node is JsonValue empty && empty.TryGetValue(out string? blank) && string.IsNullOrWhiteSpace(blank)))
        {
            return NewId();
        }

        var id = node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (id is null || id.Length > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new DefinitionValidationException([new ValidationError(
                null,
                "definitionId",
                node.ToJsonString(),
                "'definitionId' must be a string of 1 to 128 letters, digits, '.', '_' or '-', so that it can appear in a URL. Leave it out to get a generated id.")]);
        }

        return id;
    }

    private static string? ReadString(JsonObject model, string name) =>
        model[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static string NewId() => Guid.NewGuid().ToString("N");
}
