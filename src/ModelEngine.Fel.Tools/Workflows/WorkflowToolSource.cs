using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// Exposes published workflow definitions as tools, one per definition id in <c>Fel:Tools:Workflows</c>. A tool's
/// name is <c>workflow_</c> and the definition id, its schema comes from the definition's <c>inputs</c>, and calling it
/// starts an instance (see <see cref="WorkflowTool"/> for what it returns).
/// </summary>
/// <remarks>Tools are built on each call from the published version, so a newly published version applies at once.</remarks>
public sealed class WorkflowToolSource : IFelToolSource
{
    /// <summary>The configuration key of the definition ids.</summary>
    public const string ConfigKey = "Fel:Tools:Workflows";

    /// <summary>The prefix of every workflow tool name.</summary>
    public const string NamePrefix = "workflow";

    private readonly IWorkflowDefinitionStore _definitions;
    private readonly IWorkflowRuntime _runtime;
    private readonly WorkflowToolSettings _settings;
    private readonly ILogger _logger;

    public WorkflowToolSource(IWorkflowDefinitionStore definitions, IWorkflowRuntime runtime, WorkflowToolSettings settings, ILogger<WorkflowToolSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.Timeout, TimeSpan.Zero, nameof(settings));
        _definitions = definitions;
        _runtime = runtime;
        _settings = settings;
        _logger = logger ?? NullLogger<WorkflowToolSource>.Instance;
    }

    public string Name => "workflows";

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="names"/> may hold tool names or definition ids. Names this source does not expose are ignored,
    /// because an agent passes the same list to every source. A listed definition without a published version is left
    /// out with a warning, or fails the call when it was requested by name.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A requested definition has no published version, or two ids map to the same tool name.</exception>
    public async ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken = default)
    {
        var toolNames = ToolNames.Assign(_settings.DefinitionIds, NamePrefix, ConfigKey);
        var tools = new List<AIFunction>();
        foreach (var definitionId in _settings.DefinitionIds.Distinct(StringComparer.Ordinal))
        {
            var name = toolNames[definitionId];
            if (names is not null && !names.Contains(name) && !names.Contains(definitionId))
            {
                continue;
            }

            var record = await _definitions.FindPublishedAsync(definitionId, cancellationToken).ConfigureAwait(false);
            if (record is null || JsonNode.Parse(record.ModelJson) is not JsonObject model)
            {
                var reason = record is null ? "it has no published version" : "its stored model is not a JSON object";
                if (names is not null)
                {
                    throw new InvalidOperationException(
                        $"The workflow tool '{definitionId}' is not available: {reason}. Publish the definition, or remove it from {ConfigKey}.");
                }

                FelToolsLog.ToolSkipped(_logger, Name, ConfigKey, definitionId, reason);
                continue;
            }

            var title = record.Name ?? definitionId;
            var description = record.Description is { Length: > 0 } text
                ? $"{text} (workflow '{definitionId}')"
                : $"Runs the workflow '{title}' (definition '{definitionId}') and returns its output.";
            tools.Add(new WorkflowTool(_runtime, _settings, _logger, name, definitionId, description, WorkflowInputSchema.Create(model), Name));
        }

        return tools;
    }
}
