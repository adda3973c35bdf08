using System.Collections.Concurrent;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Notifications.LiveInbox;

/// <summary>
/// The hub connections of this node with the user of each, taken from the connection's claims when it connected, so
/// that a task change reaches every connection of a concerned user once.
/// </summary>
internal sealed class TaskConnectionRegistry
{
    private readonly ConcurrentDictionary<string, UserIdentity> _connections = new(StringComparer.Ordinal);

    public int Count => _connections.Count;

    public void Add(string connectionId, UserIdentity user) => _connections[connectionId] = user;

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>A copy of the current connections, which later connects and disconnects do not change.</summary>
    public IReadOnlyList<KeyValuePair<string, UserIdentity>> Snapshot() => _connections.ToArray();
}
