namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>Reads the activity descriptors once per circuit; the toolbox and the property panel share them.</summary>
public class DescriptorsApi(StudioApiClient api)
{
    private IReadOnlyList<ActivityDescriptor>? _activities;

    public virtual async Task<IReadOnlyList<ActivityDescriptor>> GetActivitiesAsync(CancellationToken cancellationToken = default)
    {
        if (_activities is null)
        {
            var page = await api.GetAsync<PagedList<ActivityDescriptor>>("api/descriptors/activities", cancellationToken).ConfigureAwait(false);
            _activities = page.Items;
        }

        return _activities;
    }

    /// <summary>Finds a descriptor by type name or alias, such as <c>Elsa.FlowDecision</c>.</summary>
    public async Task<ActivityDescriptor?> FindAsync(string typeName, CancellationToken cancellationToken = default)
    {
        var activities = await GetActivitiesAsync(cancellationToken).ConfigureAwait(false);
        return activities.FirstOrDefault(a => a.TypeName == typeName) ?? activities.FirstOrDefault(a => a.Aliases.Contains(typeName));
    }
}
