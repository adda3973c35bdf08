namespace ModelEngine.Workflows.Messaging;

/// <summary>
/// The message type names that PublishMessage and MessageReceived accept. A host fills it from its configuration,
/// such as <c>Messaging:MessageTypes</c>; the engine's default is empty, so both activities fault until types are
/// configured.
/// </summary>
public sealed class MessageTypeCatalog
{
    private readonly HashSet<string> _names;

    public MessageTypeCatalog(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(names.Where(name => !string.IsNullOrWhiteSpace(name)), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _names;

    public bool Contains(string name) => _names.Contains(name);

    /// <summary>Throws a fault that names the activity, the type and the configured types, unless the type is known.</summary>
    public void ThrowIfUnknown(string activityId, string activityName, string? messageType)
    {
        if (string.IsNullOrWhiteSpace(messageType))
        {
            throw new Runtime.WorkflowFaultException($"Activity '{activityId}' ({activityName}) has an empty 'messageType'.");
        }

        if (!_names.Contains(messageType))
        {
            var known = _names.Count == 0 ? "none are configured" : "configured: " + string.Join(", ", _names.Order(StringComparer.Ordinal));
            throw new Runtime.WorkflowFaultException(
                $"Activity '{activityId}' ({activityName}) uses message type '{messageType}', which is not in Messaging:MessageTypes ({known}). Add it there or use a configured type.");
        }
    }
}
