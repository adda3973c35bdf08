using System.Text.Json.Nodes;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Properties;

namespace ModelEngine.Studio.Tests.Properties;

/// <summary>
/// Renders the property panel for an activity type with the inputs a test gives, and records every activity JSON the
/// panel reports through OnChanged.
/// </summary>
public abstract class PropertyPanelTestBase : StudioTestContext, IAsyncLifetime
{
    private protected PropertyPanelTestBase()
    {
    }

    internal List<string> Changes { get; } = [];

    internal List<string> UserSearches { get; } = [];

    internal List<string> GroupSearches { get; } = [];

    internal JsonObject Activity { get; private set; } = [];

    internal JsonObject Definition { get; } = JsonNode.Parse("""
        {
          "variables": [
            { "id": "decisionVariable", "name": "Decision", "typeName": "Object" },
            { "id": "countVariable", "name": "Count", "typeName": "Int32" }
          ],
          "inputs": [],
          "outputs": [],
          "outcomes": ["Done", "Escalated"]
        }
        """)!.AsObject();

    internal DesignerContext Context => new()
    {
        Definition = Definition,
        SearchUsers = text =>
        {
            UserSearches.Add(text);
            return Task.FromResult<IReadOnlyList<string>>([.. new[] { "bob", "alice", "carol" }.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase))]);
        },
        SearchGroups = text =>
        {
            GroupSearches.Add(text);
            return Task.FromResult<IReadOnlyList<string>>([.. new[] { "managers", "finance", "designers" }.Where(n => n.Contains(text, StringComparison.OrdinalIgnoreCase))]);
        },
    };

    internal static InputDescriptor Input(string name, string hint, string typeName = "String", bool wrapped = true, bool required = false) => new()
    {
        Name = name,
        TypeName = typeName,
        DisplayName = char.ToUpperInvariant(name[0]) + name[1..],
        Description = "Help for " + name + ".",
        UiHint = hint,
        IsWrapped = wrapped,
        IsRequired = required,
        DefaultSyntax = wrapped ? "Literal" : null,
    };

    internal static ActivityDescriptor Descriptor(params InputDescriptor[] inputs) => new()
    {
        TypeName = "Test.Activity",
        DisplayName = "Test activity",
        Description = "An activity for the panel tests.",
        Inputs = inputs,
        Outputs = [new OutputDescriptor { Name = "result", TypeName = "Object", DisplayName = "Result" }],
    };

    /// <summary>Renders the panel with providers, for an activity given as JSON text (an empty activity by default).</summary>
    internal IRenderedComponent<PropertyPanel> RenderPanel(ActivityDescriptor descriptor, string activityJson = """{ "id": "a1", "type": "Test.Activity" }""", bool readOnly = false)
    {
        Activity = JsonNode.Parse(activityJson)!.AsObject();
        var context = Context;
        return RenderWithProviders<PropertyPanel>(parameters => parameters
            .Add(p => p.Descriptor, descriptor)
            .Add(p => p.Activity, Activity)
            .Add(p => p.Context, context)
            .Add(p => p.ReadOnly, readOnly)
            .Add(p => p.OnChanged, (JsonObject edited) => Changes.Add(edited.ToJsonString())));
    }

    /// <summary>Returns the activity's property as compact JSON, or "missing".</summary>
    internal string Stored(string property) => Activity[property]?.ToJsonString() ?? "missing";

    internal static string Wrapped(string typeName, string syntax, string valueJson) =>
        "{\"typeName\":\"" + typeName + "\",\"expression\":{\"type\":\"" + syntax + "\",\"value\":" + valueJson + "}}";

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's select and picker services only implement IAsyncDisposable, so the container is disposed
    // asynchronously here, before xunit's synchronous Dispose, which then has nothing left to do.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
