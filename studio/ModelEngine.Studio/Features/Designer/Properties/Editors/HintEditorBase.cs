using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using ModelEngine.Studio.Api.Descriptors;

namespace ModelEngine.Studio.Features.Designer.Properties.Editors;

/// <summary>
/// The parameters every UI hint editor takes. <see cref="Value"/> is the input's plain JSON value (a literal's value,
/// or the whole value of an unwrapped input), and the editor raises <see cref="ValueChanged"/> with the new one.
/// </summary>
public abstract class HintEditorBase : ComponentBase
{
    /// <summary>The input being edited.</summary>
    [Parameter, EditorRequired]
    public InputDescriptor Input { get; set; } = default!;

    /// <summary>The current value, or <see langword="null"/> when the input has none.</summary>
    [Parameter]
    public JsonNode? Value { get; set; }

    /// <summary>Raised with the new value after each edit. A <see langword="null"/> value clears the input.</summary>
    [Parameter]
    public EventCallback<JsonNode?> ValueChanged { get; set; }

    /// <summary>The workflow around the activity, for the variable, outcome, user and group pickers.</summary>
    [Parameter, EditorRequired]
    public DesignerContext Context { get; set; } = default!;

    /// <summary>Shows the editor disabled.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The error shown under the field, such as the required marker's text, or <see langword="null"/> for none.</summary>
    [Parameter]
    public string? Error { get; set; }

    [Inject]
    private protected IStringLocalizer<PropertiesResources> L { get; set; } = default!;

    /// <summary>The field's label: the input's display name, with an asterisk when it is required.</summary>
    private protected string Label => Input.IsRequired ? Input.DisplayName + " *" : Input.DisplayName;

    private protected string? HelperText => Input.Description;

    private protected bool HasError => !string.IsNullOrEmpty(Error);

    private protected Task SetAsync(JsonNode? value) => ValueChanged.InvokeAsync(value);

    /// <summary>Stores text as a JSON string, and empty text as no value.</summary>
    private protected Task SetTextAsync(string? text) =>
        SetAsync(string.IsNullOrEmpty(text) ? null : JsonValue.Create(text));
}
