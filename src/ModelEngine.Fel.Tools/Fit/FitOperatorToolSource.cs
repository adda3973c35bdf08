using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fel.Tools;

/// <summary>
/// Exposes FIT genericables as tools, one per genericable on the allow-list. A tool's schema comes from the
/// genericable's parameters, and calling it calls the operator through <see cref="IFitClient"/>.
/// </summary>
/// <remarks>
/// Only listed genericables become tools, because an operator can do anything its code does and a model should reach
/// only the ones chosen for it. The entry <c>*</c> exposes every genericable in the registry. Tools are built on
/// each call from the registry's current contracts, so plugins loaded later appear without a restart.
/// </remarks>
public sealed class FitOperatorToolSource : IFelToolSource
{
    /// <summary>The configuration key of the allow-list.</summary>
    public const string ConfigKey = "Fel:Tools:Operators";

    /// <summary>The allow-list entry that exposes every genericable.</summary>
    public const string All = "*";

    private readonly IFitRegistry _registry;
    private readonly IFitClient _client;
    private readonly IReadOnlyList<string> _allowed;
    private readonly ILogger _logger;

    /// <param name="registry">The registry whose contracts describe the tools.</param>
    /// <param name="client">The client that calls the operators.</param>
    /// <param name="allowed">The genericable ids to expose, or <see cref="All"/>. An empty list exposes none.</param>
    /// <param name="logger">Logs genericables left out because the registry has no contract for them.</param>
    public FitOperatorToolSource(IFitRegistry registry, IFitClient client, IEnumerable<string> allowed, ILogger<FitOperatorToolSource>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(allowed);
        _registry = registry;
        _client = client;
        _allowed = allowed.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).Distinct(StringComparer.Ordinal).ToList();
        _logger = logger ?? NullLogger<FitOperatorToolSource>.Instance;
    }

    public string Name => "fit";

    /// <inheritdoc />
    /// <remarks>
    /// <paramref name="names"/> may hold tool names or genericable ids. Names this source does not expose are ignored,
    /// because an agent passes the same list to every source.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// A requested operator is on the allow-list but has no contract here, or two ids map to the same tool name.
    /// </exception>
    public ValueTask<IReadOnlyList<AIFunction>> GetToolsAsync(IReadOnlyCollection<string>? names, CancellationToken cancellationToken = default)
    {
        var ids = _allowed.Contains(All) ? _registry.GenericableIds.ToList() : _allowed.Where(id => id != All).ToList();
        var toolNames = ToolNames.Assign(ids, prefix: null, ConfigKey);
        var tools = new List<AIFunction>();
        foreach (var id in ids)
        {
            var name = toolNames[id];
            if (names is not null && !names.Contains(name) && !names.Contains(id))
            {
                continue;
            }

            var genericable = _registry.GetGenericable(id);
            if (genericable is null)
            {
                var reason = "this server has no contract for it: no fitable of it is loaded here and none was declared";
                if (names is not null)
                {
                    throw new InvalidOperationException(
                        $"The FIT operator tool '{id}' is not available: {reason}. Load the plugin that implements it, or declare its contract.");
                }

                FelToolsLog.ToolSkipped(_logger, Name, ConfigKey, id, reason);
                continue;
            }

            tools.Add(new FitOperatorTool(_client, genericable, name, Name));
        }

        return ValueTask.FromResult<IReadOnlyList<AIFunction>>(tools);
    }
}
