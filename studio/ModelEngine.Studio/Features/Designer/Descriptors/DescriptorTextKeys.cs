using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Descriptors;

/// <summary>
/// The resource keys of the texts in an activity descriptor. A type name, input name or port name is used as the server
/// sends it, dots included, such as <c>Activity.ModelEngine.Workflows.Activities.WriteLine.Input.Text.DisplayName</c>.
/// </summary>
public static class DescriptorTextKeys
{
    public static string ActivityDisplayName(string typeName) => $"Activity.{typeName}.DisplayName";

    public static string ActivityDescription(string typeName) => $"Activity.{typeName}.Description";

    /// <summary>An activity category, shared by every activity in it, such as <c>Category.Primitives</c>.</summary>
    public static string Category(string category) => $"Category.{category}";

    public static string InputDisplayName(string typeName, string input) => $"Activity.{typeName}.Input.{input}.DisplayName";

    public static string InputDescription(string typeName, string input) => $"Activity.{typeName}.Input.{input}.Description";

    /// <summary>A group of inputs in the property panel, shared by every activity, such as <c>InputCategory.Advanced</c>.</summary>
    public static string InputCategory(string category) => $"InputCategory.{category}";

    public static string OutputDisplayName(string typeName, string output) => $"Activity.{typeName}.Output.{output}.DisplayName";

    public static string OutputDescription(string typeName, string output) => $"Activity.{typeName}.Output.{output}.Description";

    public static string PortDisplayName(string typeName, string port) => $"Activity.{typeName}.Port.{port}.DisplayName";

    /// <summary>
    /// An outcome's label on any activity, such as <c>Outcome.Approve</c>: used for a port the activity's own key does
    /// not name, and for dynamic outcomes (a user task's Approve and Reject).
    /// </summary>
    public static string Outcome(string outcome) => $"Outcome.{outcome}";

    /// <summary>
    /// Lists every display text of <paramref name="descriptor"/> that a translation may replace, as its key and the
    /// descriptor's text. Empty texts are left out. A category appears once per activity that uses it.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Texts(ActivityDescriptor descriptor)
    {
        var type = descriptor.TypeName;
        var texts = new List<KeyValuePair<string, string>>();
        Add(texts, ActivityDisplayName(type), descriptor.DisplayName);
        Add(texts, ActivityDescription(type), descriptor.Description);
        Add(texts, descriptor.Category is { Length: > 0 } category ? Category(category) : null, descriptor.Category);
        foreach (var input in descriptor.Inputs)
        {
            Add(texts, InputDisplayName(type, input.Name), input.DisplayName);
            Add(texts, InputDescription(type, input.Name), input.Description);
            Add(texts, input.Category is { Length: > 0 } group ? InputCategory(group) : null, input.Category);
        }

        foreach (var output in descriptor.Outputs)
        {
            Add(texts, OutputDisplayName(type, output.Name), output.DisplayName);
            Add(texts, OutputDescription(type, output.Name), output.Description);
        }

        foreach (var port in descriptor.Ports)
        {
            Add(texts, PortDisplayName(type, port.Name), port.DisplayName);
        }

        return texts;
    }

    private static void Add(List<KeyValuePair<string, string>> texts, string? key, string? text)
    {
        if (key is not null && !string.IsNullOrEmpty(text))
        {
            texts.Add(new(key, text));
        }
    }
}
