using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;
using ModelEngine.Studio.Api;
using ModelEngine.Studio.Api.Definitions;
using ModelEngine.Studio.Features.Designer.Document;
using MudBlazor;

namespace ModelEngine.Studio.Features.Designer;

/// <summary>The designer's toolbar commands: save, publish, versions, export, import, run, and the Ctrl+S shortcut.</summary>
public sealed partial class DesignerPage
{
    private const string ImportInputId = "designer-import-input";

    private IReadOnlyList<PublishError> _publishErrors = [];
    private DotNetObjectReference<DesignerPage>? _selfReference;
    private IJSObjectReference? _shortcuts;
    private bool _leaving;

    private bool CanSave => _document is { ReadOnly: false } document && !_busy && (document.IsDirty || _isNew);

    private string StatusText => _document is null
        ? string.Empty
        : L[_document.IsPublished ? "StatusPublished" : "StatusDraft", _document.Version];

    /// <summary>Saves the draft from the Ctrl+S key handler in studio.js, wherever the focus is on the page.</summary>
    [JSInvokable]
    public Task SaveFromShortcut() => InvokeAsync(async () =>
    {
        await SaveAsync();
        StateHasChanged();
    });

    /// <summary>
    /// Saves the current JSON as a draft, nested levels included. The document keeps its JSON and takes the server's
    /// id and version. An edit made while the save is in flight keeps it dirty. Returns whether the save succeeded.
    /// </summary>
    private async Task<bool> SaveAsync()
    {
        if (_document is not { ReadOnly: false } document || _busy)
        {
            return false;
        }

        // Saving an unchanged definition would make the server write a needless version n+1 after a published one.
        if (!document.IsDirty && !_isNew)
        {
            return true;
        }

        _busy = true;
        var sentRevision = document.Revision;
        try
        {
            var result = await Definitions.SaveAsync(document.Definition, publish: false);
            document.AcceptSave(result.DefinitionId, result.Id, result.Version, result.IsPublished, sentRevision);
            _serverProblems = [.. result.Warnings.Select(ToProblem)];
            _error = null;
            Snackbar.Add(L["Saved", result.Version], Severity.Success);
            if (_isNew)
            {
                _isNew = false;
                _loadedKey = $"{result.DefinitionId}@";
                _leaving = true;
                Navigation.NavigateTo($"definitions/{Uri.EscapeDataString(result.DefinitionId)}", replace: true);
                _leaving = false;
            }

            return true;
        }
        catch (StudioApiException exception)
        {
            _error = exception.Detail;
            return false;
        }
        finally
        {
            _busy = false;
            Rebuild();
        }
    }

    /// <summary>Publishes the document: saves it first when it has unsaved changes, then publishes the saved version.</summary>
    private async Task PublishAsync()
    {
        if (_document is not { ReadOnly: false } document)
        {
            return;
        }

        if ((document.IsDirty || _isNew) && !await SaveAsync())
        {
            return;
        }

        _busy = true;
        var sentRevision = document.Revision;
        try
        {
            var result = await Definitions.PublishAsync(document.DefinitionId!);
            document.AcceptSave(result.DefinitionId, result.Id, result.Version, isPublished: true, sentRevision);
            _serverProblems = [];
            _publishErrors = [];
            _error = null;
            Snackbar.Add(L["Published", result.Version], Severity.Success);
        }
        catch (StudioApiException exception)
        {
            var errors = exception.Problem?["errors"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [];
            _serverProblems = [.. errors.Select(ToProblem)];
            _publishErrors = [.. errors.Select(ToPublishError)];

            // The entries name what to fix, so the server's English summary of them is left out.
            _error = _publishErrors.Count > 0 ? null : exception.Detail;
        }
        finally
        {
            _busy = false;
            Rebuild();
        }
    }

    /// <summary>
    /// Converts a server entry to a problem of the list and the nodes. A missing required input gets the local
    /// validator's wording, so that the list shows it once when both report it.
    /// </summary>
    private DesignerProblem ToProblem(JsonObject error)
    {
        var entry = ToPublishError(error);
        var label = entry.ActivityLabel ?? L["DefinitionProblem"].Value;
        var message = entry.InputLabel is { } input && PublishErrorsAlert.IsMissingInput(entry.Message)
            ? L["ProblemMissingInput", input].Value
            : entry.Message;
        return new DesignerProblem(entry.ActivityId ?? string.Empty, label, message);
    }

    private PublishError ToPublishError(JsonObject error)
    {
        var activityId = error["activityId"]?.GetValue<string>();
        var property = error["property"]?.GetValue<string>();
        var activity = activityId is null || _document is null ? null : ActivityJson.FindActivity(_document.CurrentFlowchart, activityId);
        var descriptor = activity is null ? null : _catalog.Find(ActivityJson.Type(activity));
        var activityLabel = activity is null ? activityId : DesignerGraph.Label(activity, descriptor);
        var inputLabel = descriptor?.Inputs.FirstOrDefault(input => input.Name == property)?.DisplayName;
        return new PublishError(activityId, activityLabel, property, inputLabel, error["message"]?.GetValue<string>() ?? error.ToJsonString());
    }

    private async Task ShowVersionsAsync()
    {
        if (_document?.DefinitionId is not { } definitionId)
        {
            return;
        }

        var dialog = await Dialogs.ShowAsync<VersionsDialog>(
            L["Versions"], new DialogParameters<VersionsDialog> { { d => d.DefinitionId, definitionId } }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: VersionAction action })
        {
            return;
        }

        if (!action.Revert)
        {
            Navigation.NavigateTo($"definitions/{Uri.EscapeDataString(definitionId)}?version={action.Version}");
            return;
        }

        var message = _document.IsDirty ? L["RevertConfirmDirty", action.Version] : L["RevertConfirm", action.Version];
        if (await Dialogs.ShowMessageBoxAsync(L["Revert"], message.Value, yesText: L["Revert"], cancelText: L["Cancel"]) != true)
        {
            return;
        }

        try
        {
            var reverted = await Definitions.RevertAsync(definitionId, action.Version);
            Snackbar.Add(L["Reverted", action.Version, reverted.Version], Severity.Success);
            await LoadAsync();
        }
        catch (StudioApiException exception)
        {
            _error = exception.Detail;
        }
    }

    private async Task ExportAsync()
    {
        if (_document?.DefinitionId is not { } definitionId)
        {
            return;
        }

        try
        {
            var text = await Definitions.ExportAsync(definitionId);
            await JS.InvokeVoidAsync("modelEngineStudio.download", $"workflow-definition-{definitionId}.json", "application/json", text);
            if (_document.IsDirty)
            {
                Snackbar.Add(L["ExportedSavedVersion"], Severity.Info);
            }
        }
        catch (StudioApiException exception)
        {
            _error = exception.Detail;
        }
    }

    private async Task PickImportFileAsync() => await JS.InvokeVoidAsync("modelEngineStudio.openFilePicker", ImportInputId);

    /// <summary>Replaces the model with an Elsa 3 JSON file after a confirm, as one undo step. Save then writes it.</summary>
    private async Task ImportIntoAsync(InputFileChangeEventArgs e)
    {
        if (_document is not { ReadOnly: false } document)
        {
            return;
        }

        JsonObject? model;
        try
        {
            await using var stream = e.File.OpenReadStream(ImportErrorText.MaxImportBytes);
            model = await JsonNode.ParseAsync(stream) as JsonObject;
        }
        catch (JsonException exception)
        {
            _error = ImportErrorText.InvalidJson(L, e.File.Name, exception);
            return;
        }
        catch (IOException)
        {
            _error = ImportErrorText.ReadFailed(L, e.File.Name);
            return;
        }

        if (model?["root"] is not JsonObject)
        {
            _error = L["ImportNoRoot", e.File.Name];
            return;
        }

        if (await Dialogs.ShowMessageBoxAsync(L["ImportInto"], L["ImportConfirm", e.File.Name].Value, yesText: L["Replace"], cancelText: L["Cancel"]) != true)
        {
            return;
        }

        document.Replace(model);
        _selection = [];
        Rebuild();
    }

    private async Task ShowRunAsync()
    {
        if (_document?.DefinitionId is not { } definitionId)
        {
            return;
        }

        var parameters = new DialogParameters<RunDialog>
        {
            { d => d.DefinitionId, definitionId },
            { d => d.DefinitionInputs, _document.Definition["inputs"] as JsonArray },
            { d => d.DraftIsNewer, _document.IsDirty || !_document.IsPublished },
        };
        await Dialogs.ShowAsync<RunDialog>(L["Run"], parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }

    private async Task ConfirmLeaveAsync(LocationChangingContext context)
    {
        if (_leaving || _document is not { IsDirty: true })
        {
            return;
        }

        if (await Dialogs.ShowMessageBoxAsync(L["LeaveTitle"], L["LeaveConfirm"].Value, yesText: L["Leave"], cancelText: L["Stay"]) != true)
        {
            context.PreventNavigation();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _selfReference = DotNetObjectReference.Create(this);
            _shortcuts = await JS.InvokeAsync<IJSObjectReference>("modelEngineStudio.registerDesignerShortcuts", _selfReference);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_shortcuts is not null)
            {
                await JS.InvokeVoidAsync("modelEngineStudio.unregisterDesignerShortcuts", _shortcuts);
                await _shortcuts.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page's key handler with it.
        }

        _selfReference?.Dispose();
    }
}
