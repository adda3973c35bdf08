using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Descriptors;

/// <summary>
/// Translates the display texts of activity descriptors into the current UI culture from
/// <see cref="ActivityDescriptorResources"/>. A text without a key keeps the server's English, so a plugin's activity
/// still shows. Type names, input, output and port names stay as they are: they are the data a workflow stores.
/// </summary>
public sealed class DescriptorLocalizer(IStringLocalizer<ActivityDescriptorResources> localizer)
{
    private const string OutcomePrefix = "Outcome.";

    /// <summary>Returns copies of <paramref name="descriptors"/> with their texts in the current UI culture.</summary>
    public IReadOnlyList<ActivityDescriptor> Localize(IReadOnlyList<ActivityDescriptor> descriptors)
    {
        var outcomes = WellKnownOutcomes();
        return [.. descriptors.Select(d => Localize(d, outcomes))];
    }

    /// <summary>Returns the label of an outcome in the current UI culture (<c>Outcome.{name}</c>), or the name itself.</summary>
    public string OutcomeLabel(string outcome) => Text(DescriptorTextKeys.Outcome(outcome), outcome)!;

    private ActivityDescriptor Localize(ActivityDescriptor descriptor, IReadOnlyDictionary<string, string> wellKnownOutcomes)
    {
        var type = descriptor.TypeName;
        var ports = descriptor.Ports
            .Select(p => p with { DisplayName = Text(DescriptorTextKeys.PortDisplayName(type, p.Name), null) ?? Text(DescriptorTextKeys.Outcome(p.Name), p.DisplayName) })
            .ToList();
        var outcomeLabels = new Dictionary<string, string>(wellKnownOutcomes, StringComparer.Ordinal);
        foreach (var port in ports.Where(p => !string.IsNullOrEmpty(p.DisplayName)))
        {
            outcomeLabels[port.Name] = port.DisplayName!;
        }

        return descriptor with
        {
            DisplayName = Text(DescriptorTextKeys.ActivityDisplayName(type), descriptor.DisplayName)!,
            Description = Text(DescriptorTextKeys.ActivityDescription(type), descriptor.Description),
            Category = descriptor.Category is { Length: > 0 } category ? Text(DescriptorTextKeys.Category(category), category) : descriptor.Category,
            ServerDisplayName = descriptor.ServerDisplayName ?? descriptor.DisplayName,
            ServerCategory = descriptor.ServerCategory ?? descriptor.Category,
            Inputs = [.. descriptor.Inputs.Select(input => input with
            {
                DisplayName = Text(DescriptorTextKeys.InputDisplayName(type, input.Name), input.DisplayName)!,
                Description = Text(DescriptorTextKeys.InputDescription(type, input.Name), input.Description),
                Category = input.Category is { Length: > 0 } group ? Text(DescriptorTextKeys.InputCategory(group), group) : input.Category,
            })],
            Outputs = [.. descriptor.Outputs.Select(output => output with
            {
                DisplayName = Text(DescriptorTextKeys.OutputDisplayName(type, output.Name), output.DisplayName),
                Description = Text(DescriptorTextKeys.OutputDescription(type, output.Name), output.Description),
            })],
            Ports = ports,
            OutcomeDisplayNames = outcomeLabels,
        };
    }

    // The Outcome.* keys in the current culture, for outcomes that no port lists, such as a user task's Approve.
    private Dictionary<string, string> WellKnownOutcomes()
    {
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in localizer.GetAllStrings(includeParentCultures: true))
        {
            if (text.Name.StartsWith(OutcomePrefix, StringComparison.Ordinal) && !text.ResourceNotFound)
            {
                outcomes[text.Name[OutcomePrefix.Length..]] = text.Value;
            }
        }

        return outcomes;
    }

    // The translation of key, or fallback when the key is missing or empty.
    private string? Text(string key, string? fallback)
    {
        var text = localizer[key];
        return text.ResourceNotFound || string.IsNullOrEmpty(text.Value) ? fallback : text.Value;
    }
}
