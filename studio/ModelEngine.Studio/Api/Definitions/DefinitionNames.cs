namespace ModelEngine.Studio.Api.Definitions;

/// <summary>
/// The display names of workflow definitions by definition id, so that the inbox and the instance screens show a
/// process's name where the server's task and instance records carry only its id. The names are read from
/// <c>GET /api/workflow-definitions</c> once per circuit, and again when an id without a name turns up. An id the
/// list does not name, or a failed read, shows as the id.
/// </summary>
public class DefinitionNames(DefinitionsApi definitions)
{
    // The server's largest page; a studio with more definitions shows the ids of those past it.
    private const int PageSize = 1000;

    private readonly HashSet<string> _retried = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string>? _names;

    /// <summary>Returns the names of <paramref name="definitionIds"/> that have one; the others are left out.</summary>
    public virtual async Task<IReadOnlyDictionary<string, string>> GetAsync(IEnumerable<string> definitionIds, CancellationToken cancellationToken = default)
    {
        var requested = definitionIds.Where(id => !string.IsNullOrEmpty(id)).ToHashSet(StringComparer.Ordinal);
        _names ??= await LoadAsync(cancellationToken);
        var unknown = requested.Where(id => !_names.ContainsKey(id) && !_retried.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            _retried.UnionWith(unknown);
            _names = await LoadAsync(cancellationToken);
        }

        return requested.Where(_names.ContainsKey).ToDictionary(id => id, id => _names[id], StringComparer.Ordinal);
    }

    private async Task<IReadOnlyDictionary<string, string>> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var page = await definitions.ListAsync(pageSize: PageSize, cancellationToken: cancellationToken);
            return page.Items
                .Where(definition => !string.IsNullOrWhiteSpace(definition.Name))
                .GroupBy(definition => definition.DefinitionId, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.First().Name!, StringComparer.Ordinal);
        }
        catch (StudioApiException)
        {
            return _names ?? new Dictionary<string, string>();
        }
    }
}
