using System.Text.Json.Nodes;
using ModelEngine.Studio.Features.Designer.Properties;
using MudBlazor;

namespace ModelEngine.Studio.Tests.Properties;

public sealed class DefinitionEditorsTests : PropertyPanelTestBase
{
    private int _changes;

    [Fact]
    public void Variables_Add_CreatesRowWithIdAndType()
    {
        var definition = new JsonObject();
        var editor = RenderEditor<VariablesEditor>(definition);

        editor.Find("[data-testid=variable-add]").Click();
        editor.Find("[data-testid=variable-add]").Click();

        var variables = Assert.IsType<JsonArray>(definition["variables"]);
        Assert.Equal(2, variables.Count);
        Assert.Equal("variable1", variables[0]?["name"]?.GetValue<string>());
        Assert.Equal("variable2", variables[1]?["name"]?.GetValue<string>());
        Assert.Equal("String", variables[0]?["typeName"]?.GetValue<string>());
        Assert.False(variables[0]?["isArray"]?.GetValue<bool>());
        Assert.StartsWith("v", variables[0]?["id"]?.GetValue<string>());
        Assert.NotEqual(variables[0]?["id"]?.GetValue<string>(), variables[1]?["id"]?.GetValue<string>());
        Assert.Equal(2, editor.FindAll("[data-testid=variable-row]").Count);
        Assert.Equal(2, _changes);
    }

    [Fact]
    public void Variables_RenameKeepsIdAndDuplicateShowsError()
    {
        var definition = JsonNode.Parse("""{ "variables": [ { "id": "v1", "name": "Decision", "typeName": "Object" }, { "id": "v2", "name": "Count", "typeName": "Int32" } ] }""")!.AsObject();
        var editor = RenderEditor<VariablesEditor>(definition);

        editor.FindAll("[data-testid=variable-name]")[1].Input("Decision");

        Assert.Equal("Decision", definition["variables"]?[1]?["name"]?.GetValue<string>());
        Assert.Equal("v2", definition["variables"]?[1]?["id"]?.GetValue<string>());
        var rows = editor.FindAll("[data-testid=variable-row]");
        Assert.Contains("Another row is already named \"Decision\"", rows[1].TextContent);

        editor.FindAll("[data-testid=variable-name]")[1].Input("");
        Assert.Contains("Enter a name.", editor.FindAll("[data-testid=variable-row]")[1].TextContent);
    }

    [Fact]
    public async Task Variables_ArrayType_SetsIsArray()
    {
        var definition = JsonNode.Parse("""{ "variables": [ { "id": "v1", "name": "Names", "typeName": "String" } ] }""")!.AsObject();
        var editor = RenderEditor<VariablesEditor>(definition);

        var types = editor.FindComponents<MudSelect<string>>().Single();
        Assert.Equal(WorkflowTypes.All, types.FindComponents<MudSelectItem<string>>().Select(item => item.Instance.Value));
        await editor.InvokeAsync(() => types.Instance.ValueChanged.InvokeAsync("String[]")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("""{"id":"v1","name":"Names","typeName":"String","isArray":true}""", definition["variables"]?[0]?.ToJsonString());
        Assert.Equal("String[]", editor.Find("[data-testid=variable-type]").TextContent.Trim());
    }

    [Fact]
    public void Variables_Remove_DeletesRow()
    {
        var definition = JsonNode.Parse("""{ "variables": [ { "id": "v1", "name": "A", "typeName": "String" }, { "id": "v2", "name": "B", "typeName": "String" } ] }""")!.AsObject();
        var editor = RenderEditor<VariablesEditor>(definition);

        editor.Find("button[aria-label='Remove A']").Click();

        Assert.Equal("""[{"id":"v2","name":"B","typeName":"String"}]""", definition["variables"]?.ToJsonString());
        Assert.Single(editor.FindAll("[data-testid=variable-row]"));
    }

    [Fact]
    public void Variables_InitialValue_WritesValue()
    {
        var definition = JsonNode.Parse("""{ "variables": [ { "id": "v1", "name": "Count", "typeName": "Int32" } ] }""")!.AsObject();
        var editor = RenderEditor<VariablesEditor>(definition);

        editor.Find("[data-testid=variable-value]").Input("5");

        Assert.Equal("5", definition["variables"]?[0]?["value"]?.GetValue<string>());
    }

    [Fact]
    public void WorkflowInputs_AddAndEdit_WritesInputShape()
    {
        var definition = new JsonObject();
        var editor = RenderEditor<WorkflowInputsEditor>(definition);

        editor.Find("[data-testid=workflow-input-add]").Click();
        editor.Find("[data-testid=workflow-input-name]").Input("amount");
        editor.Find("[data-testid=workflow-input-display-name]").Input("Amount");

        Assert.Equal("""[{"name":"amount","type":"String","isArray":false,"uiHint":"singleline","displayName":"Amount"}]""", definition["inputs"]?.ToJsonString());
        Assert.Single(editor.FindAll("[data-testid=workflow-input-row]"));
    }

    [Fact]
    public async Task WorkflowOutputs_AddAndRetype()
    {
        var definition = JsonNode.Parse("""{ "outputs": [ { "type": "Boolean", "name": "approved", "displayName": "Approved", "isArray": false } ] }""")!.AsObject();
        var editor = RenderEditor<WorkflowOutputsEditor>(definition);

        editor.Find("[data-testid=workflow-output-add]").Click();
        var types = editor.FindComponents<MudSelect<string>>()[1];
        await editor.InvokeAsync(() => types.Instance.ValueChanged.InvokeAsync("Decimal")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("""{"name":"output1","type":"Decimal","isArray":false}""", definition["outputs"]?[1]?.ToJsonString());
        Assert.Equal("Boolean", editor.FindAll("[data-testid=workflow-output-type]")[0].TextContent.Trim());
    }

    [Fact]
    public void ReadOnly_HidesAddAndRemove()
    {
        var definition = JsonNode.Parse("""{ "variables": [ { "id": "v1", "name": "A", "typeName": "String" } ] }""")!.AsObject();
        var editor = RenderEditor<VariablesEditor>(definition, readOnly: true);

        Assert.Empty(editor.FindAll("[data-testid=variable-add]"));
        Assert.Empty(editor.FindAll("[data-testid=variable-remove]"));
        Assert.True(editor.Find("[data-testid=variable-name]").HasAttribute("disabled"));
    }

    [Fact]
    public void DesignerContext_ReadsVariablesLive()
    {
        var definition = new JsonObject();
        var context = new DesignerContext { Definition = definition };
        var editor = RenderEditor<VariablesEditor>(definition);

        editor.Find("[data-testid=variable-add]").Click();

        var variable = Assert.Single(context.Variables);
        Assert.Equal("variable1", variable.Name);
        Assert.Equal("String", variable.TypeName);
    }

    private IRenderedComponent<TEditor> RenderEditor<TEditor>(JsonObject definition, bool readOnly = false)
        where TEditor : Microsoft.AspNetCore.Components.IComponent
    {
        var onChanged = Microsoft.AspNetCore.Components.EventCallback.Factory.Create(this, () => _changes++);
        object rendered = typeof(TEditor) switch
        {
            var type when type == typeof(VariablesEditor) => RenderWithProviders<VariablesEditor>(p => p
                .Add(e => e.Definition, definition).Add(e => e.ReadOnly, readOnly).Add(e => e.OnChanged, onChanged)),
            var type when type == typeof(WorkflowInputsEditor) => RenderWithProviders<WorkflowInputsEditor>(p => p
                .Add(e => e.Definition, definition).Add(e => e.ReadOnly, readOnly).Add(e => e.OnChanged, onChanged)),
            _ => RenderWithProviders<WorkflowOutputsEditor>(p => p
                .Add(e => e.Definition, definition).Add(e => e.ReadOnly, readOnly).Add(e => e.OnChanged, onChanged)),
        };
        return (IRenderedComponent<TEditor>)rendered;
    }
}
