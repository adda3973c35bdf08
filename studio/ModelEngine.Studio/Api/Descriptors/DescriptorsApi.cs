using System.Globalization;
using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Features.Designer.Descriptors;

namespace ModelEngine.Studio.Api.Descriptors;

/// <summary>
/// Reads the activity descriptors once per circuit; the toolbox and the property panel share them. Their display texts
/// are translated into the circuit's UI culture by <see cref="DescriptorLocalizer"/>; names and type names are not.
/// </summary>
public class DescriptorsApi(StudioApiClient api, IStringLocalizer<ActivityDescriptorResources> localizer)
{
    private readonly DescriptorLocalizer _localizer = new(localizer);
    private IReadOnlyList<ActivityDescriptor>? _serverActivities;
    private IReadOnlyList<ActivityDescriptor>? _activities;
    private string? _activitiesCulture;

    /// <summary>Returns the descriptors with their texts in the current UI culture.</summary>
    public virtual async Task<IReadOnlyList<ActivityDescriptor>> GetActivitiesAsync(CancellationToken cancellationToken = default)
    {
        if (_serverActivities is null)
        {
            var page = await api.GetAsync<PagedList<ActivityDescriptor>>("api/descriptors/activities", cancellationToken).ConfigureAwait(false);
            _serverActivities = page.Items;
        }

        var culture = CultureInfo.CurrentUICulture.Name;
        if (_activities is null || _activitiesCulture != culture)
        {
            _activities = _localizer.Localize(_serverActivities);
            _activitiesCulture = culture;
        }

        return _activities;
    }

    /// <summary>Finds a descriptor by type name or alias, such as <c>Elsa.FlowDecision</c>.</summary>
    public async Task<ActivityDescriptor?> FindAsync(string typeName, CancellationToken cancellationToken = default)
    {
        var activities = await GetActivitiesAsync(cancellationToken).ConfigureAwait(false);
        return activities.FirstOrDefault(a => a.TypeName == typeName) ?? activities.FirstOrDefault(a => a.Aliases.Contains(typeName));
    }

    /// <summary>Returns the label of an outcome that no descriptor port names, such as a user task's <c>Approve</c>.</summary>
    public string OutcomeLabel(string outcome) => _localizer.OutcomeLabel(outcome);
}
