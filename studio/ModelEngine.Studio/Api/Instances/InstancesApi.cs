using System.Text.Json.Nodes;

namespace ModelEngine.Studio.Api.Instances;

/// <summary>The workflow instance calls of the instance list, the viewer and the start page.</summary>
public class InstancesApi(StudioApiClient api)
{
    /// <summary>The page size of each journal request. The viewer reads every page.</summary>
    public const int JournalPageSize = 500;

    public virtual Task<PagedList<InstanceSummary>> ListAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
        api.GetAsync<PagedList<InstanceSummary>>("api/workflow-instances" + query.ToQueryString(), cancellationToken);

    public virtual Task<InstanceDetail> GetAsync(string instanceId, CancellationToken cancellationToken = default) =>
        api.GetAsync<InstanceDetail>($"api/workflow-instances/{Uri.EscapeDataString(instanceId)}", cancellationToken);

    /// <summary>Reads the definition model (Elsa 3 JSON) of the version the instance runs.</summary>
    public virtual Task<JsonObject> GetDefinitionAsync(string instanceId, CancellationToken cancellationToken = default) =>
        api.GetAsync<JsonObject>($"api/workflow-instances/{Uri.EscapeDataString(instanceId)}/definition", cancellationToken);

    /// <summary>Reads the whole journal, page after page, oldest first.</summary>
    public virtual async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var entries = new List<JournalEntry>();
        for (var page = 1; ; page++)
        {
            var list = await api.GetAsync<PagedList<JournalEntry>>(
                $"api/workflow-instances/{Uri.EscapeDataString(instanceId)}/journal?page={page}&pageSize={JournalPageSize}",
                cancellationToken).ConfigureAwait(false);
            entries.AddRange(list.Items);
            if (list.Items.Count < JournalPageSize || entries.Count >= list.TotalCount)
            {
                return entries;
            }
        }
    }

    /// <summary>Cancels a running instance. The server allows only the initiator and admins.</summary>
    public virtual Task<InstanceDetail> CancelAsync(string instanceId, CancellationToken cancellationToken = default) =>
        api.PostAsync<InstanceDetail>($"api/workflow-instances/{Uri.EscapeDataString(instanceId)}/cancel", null, cancellationToken);

    /// <summary>Resolves the incidents of a faulted instance and runs the failed work again.</summary>
    public virtual Task<InstanceDetail> RetryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        api.PostAsync<InstanceDetail>($"api/workflow-instances/{Uri.EscapeDataString(instanceId)}/retry", null, cancellationToken);
}
