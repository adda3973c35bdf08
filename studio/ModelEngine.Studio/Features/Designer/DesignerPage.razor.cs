using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Auth;
using ModelEngine.Studio.Features.Designer.Canvas;
using ModelEngine.Studio.Features.Designer.Document;
using ModelEngine.Studio.Features.Designer.Properties;
using MudBlazor;

namespace ModelEngine.Studio.Features.Designer;

/// <summary>
/// The designer page: loading, the canvas edits and the selection. Saving, publishing and the toolbar dialogs are in
/// DesignerPage.Commands.cs.
/// </summary>
public sealed partial class DesignerPage
{
    private static readonly string[] Tabs = ["properties", "variables", "inputs", "outputs"];

    private DescriptorCatalog _catalog = DescriptorCatalog.Empty;
    private DesignerDocument? _document;
    private DesignerContext? _context;
    private CanvasGraph _graph = CanvasGraph.Empty;
    private IReadOnlyList<DesignerProblem> _problems = [];
    private IReadOnlyList<DesignerProblem> _serverProblems = [];
    private IReadOnlyList<string> _selection = [];
    private FlowchartCanvas? _canvas;
    private string _tab = "properties";
    private string? _loadedKey;
    private string? _error;
    private string? _loadError;
    private bool _allowed = true;
    private bool _isNew;
    private bool _busy;
    private bool _showMinimap = true;

    /// <summary>The definition to open; empty on <c>/definitions/new</c>.</summary>
    [Parameter]
    public string? DefinitionId { get; set; }

    /// <summary>A version to open read-only, from <c>?version=</c>.</summary>
    [SupplyParameterFromQuery(Name = "version")]
    public int? ViewVersion { get; set; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private DefinitionsApi Definitions { get; set; } = default!;

    [Inject]
    private DescriptorsApi DescriptorsApi { get; set; } = default!;

    [Inject]
    private DesignerClipboard Clipboard { get; set; } = default!;

    [Inject]
    private DesignerValidator Validator { get; set; } = default!;

    [Inject]
    private DirectorySearch Directory { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The document being designed, for tests.</summary>
    internal DesignerDocument? Document => _document;

    private string? Name => _document?.Definition["name"]?.GetValue<string>();

    private string LatestHref => $"definitions/{Uri.EscapeDataString(_document?.DefinitionId ?? string.Empty)}";

    private JsonObject? SelectedActivity =>
        _document is not null && _selection.Count == 1 ? ActivityJson.FindActivity(_document.CurrentFlowchart, _selection[0]) : null;

    private ActivityDescriptor? SelectedDescriptor => SelectedActivity is { } activity ? _catalog.Find(ActivityJson.Type(activity)) : null;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{DefinitionId}@{ViewVersion}";
        if (key == _loadedKey)
        {
            return;
        }

        _loadedKey = key;
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        _allowed = user?.IsDesigner() ?? false;
        if (!_allowed)
        {
            return;
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _document = null;
        _loadError = null;
        _error = null;
        _serverProblems = [];
        _publishErrors = [];
        _selection = [];
        try
        {
            _catalog = new DescriptorCatalog(await DescriptorsApi.GetActivitiesAsync());
            _isNew = string.IsNullOrEmpty(DefinitionId);
            if (_isNew)
            {
                _document = new DesignerDocument(NewDefinition());
            }
            else if (ViewVersion is { } version)
            {
                _document = new DesignerDocument(await Definitions.GetVersionAsync(DefinitionId!, version), readOnly: true);
            }
            else
            {
                _document = new DesignerDocument(await Definitions.GetAsync(DefinitionId!));
            }
        }
        catch (StudioApiException exception)
        {
            _loadError = exception.Detail;
            return;
        }

        _context = new DesignerContext
        {
            Definition = _document.Definition,
            SearchUsers = Directory.SearchUsersAsync,
            SearchGroups = Directory.SearchGroupsAsync,
        };
        Rebuild();
    }

    // A new definition starts with a Start activity, when the server describes one, as the flowchart's entry point.
    private JsonObject NewDefinition()
    {
        var definition = new JsonObject
        {
            ["name"] = L["NewDefinitionName"].Value,
            ["version"] = 1,
            ["isPublished"] = false,
            ["variables"] = new JsonArray(),
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray(),
            ["root"] = DesignerDocument.NewFlowchart("flowchart1"),
        };
        if (_catalog.Find(ActivityJson.StartType) is { } start)
        {
            var activity = new JsonObject { ["id"] = "start1", ["type"] = start.TypeName, ["version"] = start.Version, ["name"] = "Start1" };
            ActivityJson.SetPosition(activity, 40, 120);
            ActivityJson.Activities((JsonObject)definition["root"]!).Add(activity);
        }

        return definition;
    }

    /// <summary>Recomputes the problems and the canvas graph of the level shown, after every change.</summary>
    private void Rebuild()
    {
        if (_document is null)
        {
            return;
        }

        var flowchart = _document.CurrentFlowchart;
        var ids = ActivityJson.ActivityObjects(flowchart).Select(ActivityJson.Id).ToHashSet(StringComparer.Ordinal);
        var serverProblems = _serverProblems.Where(p => p.ActivityId.Length == 0 || ids.Contains(p.ActivityId));
        _problems = [.. Validator.Validate(flowchart, _catalog).Concat(serverProblems).Distinct()];
        var byNode = _problems.GroupBy(p => p.ActivityId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Message)]);
        _graph = DesignerGraph.Build(flowchart, _catalog, byNode);
        _selection = [.. _selection.Where(ids.Contains)];
    }

    private async Task AddFromToolboxAsync(ActivityDescriptor descriptor)
    {
        if (_document is null)
        {
            return;
        }

        var (x, y) = DesignerEdits.FreeSpot(_document);
        if (await AddAsync(descriptor, x, y) is { } id)
        {
            _graph = _graph with { RevealNodeId = id };
        }
    }

    private async Task DropAsync(CanvasDrop drop)
    {
        if (_catalog.Find(drop.TypeName) is { } descriptor)
        {
            await AddAsync(descriptor, drop.X, drop.Y);
        }
    }

    // Returns the new activity's id, or null when nothing was added.
    private async Task<string?> AddAsync(ActivityDescriptor descriptor, double x, double y)
    {
        if (_document is null || DesignerEdits.AddActivity(_document, descriptor, x, y) is not { } id)
        {
            return null;
        }

        Rebuild();
        await SelectAsync([id]);
        return id;
    }

    private void OnMoved(IReadOnlyList<CanvasPosition> positions)
    {
        if (_document is not null)
        {
            DesignerEdits.Move(_document, positions);
            Rebuild();
        }
    }

    private void OnConnected(CanvasEdge edge)
    {
        if (_document is not null && DesignerEdits.Connect(_document, edge))
        {
            Rebuild();
        }
    }

    private void OnDisconnected(string edgeId)
    {
        if (_document is not null && DesignerEdits.Disconnect(_document, edgeId))
        {
            Rebuild();
        }
    }

    private void SelectionChanged(IReadOnlyList<string> ids) => _selection = ids;

    private async Task SelectAsync(IReadOnlyList<string> ids)
    {
        _selection = ids;
        if (_canvas is not null)
        {
            await _canvas.SelectAsync(ids);
        }
    }

    private async Task CommandAsync(CanvasCommand command)
    {
        if (_document is null)
        {
            return;
        }

        switch (command)
        {
            case CanvasCommand.Copy:
                Clipboard.Copy(_document.CurrentFlowchart, [.. _selection]);
                break;
            case CanvasCommand.Cut when !_document.ReadOnly:
                Clipboard.Copy(_document.CurrentFlowchart, [.. _selection]);
                DesignerEdits.Delete(_document, [.. _selection]);
                break;
            case CanvasCommand.Paste when !_document.ReadOnly:
                var pasted = Clipboard.Paste(_document);
                Rebuild();
                await SelectAsync(pasted);
                break;
            case CanvasCommand.Delete:
                DesignerEdits.Delete(_document, [.. _selection]);
                break;
            case CanvasCommand.Undo:
                _document.Undo();
                break;
            case CanvasCommand.Redo:
                _document.Redo();
                break;
            case CanvasCommand.Save:
                await SaveAsync();
                break;
            case CanvasCommand.SelectAll:
                await SelectAsync([.. ActivityJson.ActivityObjects(_document.CurrentFlowchart).Select(ActivityJson.Id)]);
                break;
        }

        Rebuild();
    }

    private Task UndoAsync() => CommandAsync(CanvasCommand.Undo);

    private Task RedoAsync() => CommandAsync(CanvasCommand.Redo);

    /// <summary>
    /// Opens the nested flowchart of a container activity: the activity itself when it is a flowchart, else its first
    /// embedded port, which gets an empty flowchart (as one undo step) when it is empty. Other activities show
    /// their properties.
    /// </summary>
    private async Task OpenAsync(string activityId)
    {
        if (_document is null || ActivityJson.FindActivity(_document.CurrentFlowchart, activityId) is not { } activity)
        {
            return;
        }

        var descriptor = _catalog.Find(ActivityJson.Type(activity));
        var label = DesignerGraph.Label(activity, descriptor);
        var entered = false;
        if (ActivityJson.IsFlowchart(activity))
        {
            entered = _document.Enter(new DesignerLevel(activityId, null, label));
        }
        else if (descriptor?.Ports.FirstOrDefault(p => p.Type == PortDescriptor.EmbeddedType) is { } port)
        {
            if (activity[port.Name] is null && !_document.ReadOnly)
            {
                var ids = ActivityJson.AllIds(_document.Definition);
                var number = DesignerEdits.NextNumber(ids, "flowchart");
                _document.Apply(_ => activity[port.Name] = DesignerDocument.NewFlowchart("flowchart" + number));
            }

            entered = _document.Enter(new DesignerLevel(activityId, port.Name, $"{label}: {port.DisplayName ?? port.Name}"));
        }

        if (entered)
        {
            _selection = [];
        }
        else
        {
            await SelectAsync([activityId]);
            _tab = "properties";
        }

        Rebuild();
    }

    private void GoToLevel(int depth)
    {
        _document?.GoTo(depth);
        _selection = [];
        Rebuild();
    }

    private async Task FocusCanvasAsync()
    {
        if (_canvas is not null)
        {
            await _canvas.FocusAsync();
        }
    }

    private async Task SelectProblemAsync(string activityId)
    {
        if (activityId.Length == 0)
        {
            return;
        }

        await SelectAsync([activityId]);
        _tab = "properties";
    }

    private void OnActivityChanged(JsonObject activity)
    {
        if (_document is not null && DesignerEdits.UpdateActivity(_document, activity))
        {
            Rebuild();
        }
    }

    private void OnDefinitionChanged()
    {
        _document?.Commit();
        Rebuild();
    }

    private void Rename(string? name)
    {
        _document?.Apply(definition => definition["name"] = name);
    }

    private void ChangeDefinitionId(string? definitionId)
    {
        _document?.Apply(definition => definition["definitionId"] = string.IsNullOrWhiteSpace(definitionId) ? null : definitionId.Trim());
    }
}
