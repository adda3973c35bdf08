using System.Collections.Concurrent;

namespace ModelEngine.Waterflow.Tests;

/// <summary>A thread-safe record of what a flow emitted and which sessions completed.</summary>
internal sealed class Results<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly ConcurrentQueue<string> _completedSessions = new();

    public IReadOnlyList<T> Items => [.. _items];

    public IReadOnlyList<string> CompletedSessions => [.. _completedSessions];

    public void Add(T item) => _items.Enqueue(item);

    public void Add(T item, FlowSession session) => _items.Enqueue(item);

    public void SessionCompleted(FlowSession session) => _completedSessions.Enqueue(session.Id);
}
