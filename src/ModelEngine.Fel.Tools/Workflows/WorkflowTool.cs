using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// A published workflow definition as a tool. Calling it starts an instance with the model's arguments as input and
/// waits, up to a timeout, until the instance finishes or suspends.
/// </summary>
/// <remarks>
/// The result is a JSON object with <c>status</c> and <c>instanceId</c>. The status is <c>finished</c>, with the
/// instance's <c>output</c>, or <c>waiting</c> when the instance suspended for a person, a timer or an external event,
/// or <c>running</c> when the timeout passed first. The call returns as soon as the instance suspends, because a
/// suspended instance may wait for days.
/// A faulted or cancelled instance throws <see cref="FelToolException"/> with its incidents.
/// </remarks>
internal sealed class WorkflowTool : AIFunction
{
    /// <summary>How often the instance is read while another node runs it.</summary>
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    private readonly IWorkflowRuntime _runtime;
    private readonly WorkflowToolSettings _settings;
    private readonly ILogger _logger;
    private readonly Dictionary<string, object?> _properties;

    public WorkflowTool(IWorkflowRuntime runtime, WorkflowToolSettings settings, ILogger logger, string name, string definitionId, string description, JsonElement schema, string sourceName)
    {
        _runtime = runtime;
        _settings = settings;
        _logger = logger;
        Name = name;
        DefinitionId = definitionId;
        Description = description;
        JsonSchema = schema;
        _properties = new Dictionary<string, object?>
        {
            [FelToolProperties.Source] = sourceName,
            [FelToolProperties.Id] = definitionId,
        };
    }

    /// <summary>The definition whose published version this tool starts.</summary>
    public string DefinitionId { get; }

    public override string Name { get; }

    public override string Description { get; }

    public override JsonElement JsonSchema { get; }

    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _properties;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var time = _settings.TimeProvider;
        var started = time.GetTimestamp();
        var input = new JsonObject();
        foreach (var (key, value) in arguments)
        {
            input[key] = value switch
            {
                null => null,
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JsonNode node => node.DeepClone(),
                _ => JsonSerializer.SerializeToNode(value, value.GetType(), AIJsonUtilities.DefaultOptions),
            };
        }

        string instanceId;
        try
        {
            instanceId = await _runtime.DispatchAsync(new StartWorkflowRequest(DefinitionId, input, Initiator: _settings.Initiator), cancellationToken).ConfigureAwait(false);
        }
        catch (WorkflowNotFoundException exception)
        {
            throw new FelToolException(Name, $"The workflow '{DefinitionId}' cannot be started: {exception.Message}", exception);
        }

        FelToolsLog.WorkflowStarted(_logger, Name, instanceId, DefinitionId);
        var view = await WaitAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(started);
        FelToolsLog.WorkflowReturned(_logger, Name, instanceId, view?.Summary.SubStatus.ToString() ?? "missing", (long)elapsed.TotalMilliseconds);
        return Describe(instanceId, view, elapsed);
    }

    /// <summary>
    /// Runs the instance's pending work here, then reads it until it leaves Pending and Executing or the timeout
    /// passes. Another node may run the instance instead (the dispatch also queues it), which is why it polls.
    /// </summary>
    private async Task<WorkflowInstanceView?> WaitAsync(string instanceId, CancellationToken cancellationToken)
    {
        var time = _settings.TimeProvider;
        var deadline = time.GetUtcNow() + _settings.Timeout;
        try
        {
            // WaitAsync stops waiting at the deadline but lets the run go on, so the instance is not cut off mid-step.
            await _runtime.RunPendingAsync(instanceId, cancellationToken).WaitAsync(_settings.Timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return await _runtime.GetAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var view = await _runtime.GetAsync(instanceId, cancellationToken).ConfigureAwait(false);
            var remaining = deadline - time.GetUtcNow();
            if (view is null || view.Summary.SubStatus is not (WorkflowSubStatus.Pending or WorkflowSubStatus.Executing) || remaining <= TimeSpan.Zero)
            {
                return view;
            }

            await Task.Delay(remaining < s_pollInterval ? remaining : s_pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private JsonElement Describe(string instanceId, WorkflowInstanceView? view, TimeSpan elapsed)
    {
        if (view is null)
        {
            throw new FelToolException(Name, $"The workflow '{DefinitionId}' started instance '{instanceId}', but the instance was deleted before it finished.");
        }

        var result = new JsonObject { ["status"] = null, ["instanceId"] = instanceId };
        switch (view.Summary.SubStatus)
        {
            case WorkflowSubStatus.Finished:
                result["status"] = "finished";
                result["output"] = view.Output.DeepClone();
                break;

            case WorkflowSubStatus.Suspended:
                result["status"] = "waiting";
                result["message"] =
                    $"Workflow instance '{instanceId}' is waiting for a person, a timer or an external event, and continues on its own when that happens. " +
                    "Do not start it again; tell the user it is in progress.";
                break;

            case WorkflowSubStatus.Pending or WorkflowSubStatus.Executing:
                result["status"] = "running";
                result["message"] =
                    $"Workflow instance '{instanceId}' is still running after {elapsed.TotalSeconds:0.#} s and continues in the background. Do not start it again.";
                break;

            case WorkflowSubStatus.Faulted:
                var incidents = view.Incidents.Count == 0
                    ? "no incident was recorded"
                    : string.Join("; ", view.Incidents.Select(incident => $"activity '{incident.ActivityId}' ({incident.ActivityType}): {incident.Message}"));
                throw new FelToolException(Name, $"The workflow '{DefinitionId}' faulted in instance '{instanceId}': {incidents}");

            default:
                throw new FelToolException(Name, $"The workflow '{DefinitionId}' ended as {view.Summary.SubStatus} in instance '{instanceId}' without output.");
        }

        return JsonSerializer.SerializeToElement(result);
    }
}
