using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Definitions;

/// <summary>
/// The definition calls the designer and the start page make. Definitions travel as <see cref="JsonObject"/> in Elsa 3's
/// shape, so that fields the studio does not know survive a round trip.
/// </summary>
public class DefinitionsApi(StudioApiClient api)
{
    public virtual Task<PagedList<DefinitionSummary>> ListAsync(
        int page = 1, int pageSize = 50, string? searchTerm = null, bool publishedOnly = false, CancellationToken cancellationToken = default)
    {
        var query = $"api/workflow-definitions?page={page}&pageSize={pageSize}&publishedOnly={(publishedOnly ? "true" : "false")}";
        if (!string.IsNullOrWhiteSpace(searchTerm))
        {
            query += "&searchTerm=" + Uri.EscapeDataString(searchTerm);
        }

        return api.GetAsync<PagedList<DefinitionSummary>>(query, cancellationToken);
    }

    /// <summary>Reads the latest version for designers and admins, the published one for everybody else.</summary>
    public virtual Task<JsonObject> GetAsync(string definitionId, CancellationToken cancellationToken = default) =>
        api.GetAsync<JsonObject>($"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}", cancellationToken);

    /// <summary>Saves a draft, or publishes it when <paramref name="publish"/> is set.</summary>
    public virtual Task<DefinitionSaveResult> SaveAsync(JsonObject model, bool publish, CancellationToken cancellationToken = default) =>
        api.PostAsync<DefinitionSaveResult>("api/workflow-definitions", new JsonObject { ["model"] = model.DeepClone(), ["publish"] = publish }, cancellationToken);

    public virtual Task<DefinitionSaveResult> PublishAsync(string definitionId, CancellationToken cancellationToken = default) =>
        api.PostAsync<DefinitionSaveResult>($"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/publish", null, cancellationToken);

    public virtual Task<PagedList<DefinitionSummary>> ListVersionsAsync(string definitionId, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default) =>
        api.GetAsync<PagedList<DefinitionSummary>>($"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/versions?page={page}&pageSize={pageSize}", cancellationToken);

    public virtual Task<DefinitionSummary> RevertAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        api.PostAsync<DefinitionSummary>($"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/revert/{version}", null, cancellationToken);

    /// <summary>Starts an instance of the published version and returns its id.</summary>
    public virtual async Task<string> DispatchAsync(string definitionId, JsonObject? input, CancellationToken cancellationToken = default)
    {
        var answer = await api.PostAsync<JsonObject>(
            $"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/dispatch",
            new JsonObject { ["input"] = input?.DeepClone() ?? new JsonObject() },
            cancellationToken).ConfigureAwait(false);
        return answer["workflowInstanceId"]?.GetValue<string>()
            ?? throw new InvalidOperationException("The dispatch response has no workflowInstanceId.");
    }

    /// <summary>Reads one version of a definition, for viewing it read-only.</summary>
    public virtual Task<JsonObject> GetVersionAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        api.GetAsync<JsonObject>($"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/versions/{version}", cancellationToken);

    /// <summary>Downloads the latest version as an Elsa 3 export file and returns its text.</summary>
    public virtual async Task<string> ExportAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var response = await api.SendRawAsync(
            HttpMethod.Get, $"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/export", content: null, headers: null, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Imports an Elsa 3 export file. The file's <c>definitionId</c> decides which definition it creates or updates.</summary>
    public virtual Task<DefinitionSaveResult> ImportAsync(JsonObject file, CancellationToken cancellationToken = default) =>
        api.PostAsync<DefinitionSaveResult>("api/workflow-definitions/import", file, cancellationToken);

    /// <summary>Runs an instance of the published version until it suspends or finishes, and returns the instance.</summary>
    public virtual Task<JsonObject> ExecuteAsync(string definitionId, JsonObject? input, CancellationToken cancellationToken = default) =>
        api.PostAsync<JsonObject>(
            $"api/workflow-definitions/{Uri.EscapeDataString(definitionId)}/execute",
            new JsonObject { ["input"] = input?.DeepClone() ?? new JsonObject() },
            cancellationToken);
}
