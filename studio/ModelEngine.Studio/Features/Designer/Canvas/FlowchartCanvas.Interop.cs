using System.ComponentModel;
using Microsoft.JSInterop;

namespace ModelEngine.Studio.Features.Designer.Canvas;

// The methods canvas/src/flowchart.js calls through the DotNetObjectReference. Any circuit client can call them with
// any arguments, so each one checks its input against the current Graph and ReadOnly before raising an event.
public sealed partial class FlowchartCanvas
{
    /// <summary>Called by the canvas script when an activity type was dropped at a point in graph coordinates.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifyDrop(string typeName, double x, double y)
    {
        if (ReadOnly || string.IsNullOrWhiteSpace(typeName) || !double.IsFinite(x) || !double.IsFinite(y))
        {
            return Task.CompletedTask;
        }

        return OnDrop.InvokeAsync(new CanvasDrop(typeName, x, y));
    }

    /// <summary>Called by the canvas script at the end of a drag with the new positions of the moved nodes.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifyMoved(CanvasPosition[] positions)
    {
        if (ReadOnly)
        {
            return Task.CompletedTask;
        }

        var known = NodeIds();
        var moved = positions.Where(p => known.Contains(p.Id) && double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        return moved.Count == 0 ? Task.CompletedTask : OnMoved.InvokeAsync(moved);
    }

    /// <summary>Called by the canvas script when the user drew a connection from an outcome port to a node.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifyConnected(string source, string sourcePort, string target, string targetPort)
    {
        if (ReadOnly || source == target || targetPort != "In")
        {
            return Task.CompletedTask;
        }

        var sourceNode = Graph.Nodes.FirstOrDefault(n => n.Id == source);
        var targetNode = Graph.Nodes.FirstOrDefault(n => n.Id == target);
        var duplicate = Graph.Edges.Any(e => e.Source == source && e.SourcePort == sourcePort && e.Target == target);
        if (sourceNode is null || targetNode is null || !targetNode.HasInPort || !sourceNode.OutPorts.Contains(sourcePort) || duplicate)
        {
            return Task.CompletedTask;
        }

        return OnConnected.InvokeAsync(new CanvasEdge(Guid.NewGuid().ToString("N"), source, sourcePort, target, targetPort));
    }

    /// <summary>Called by the canvas script when the user removed a connection.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifyDisconnected(string edgeId)
    {
        if (ReadOnly || !Graph.Edges.Any(e => e.Id == edgeId))
        {
            return Task.CompletedTask;
        }

        return OnDisconnected.InvokeAsync(edgeId);
    }

    /// <summary>Called by the canvas script whenever the selection changed.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifySelectionChanged(string[] nodeIds)
    {
        var known = NodeIds();
        return OnSelectionChanged.InvokeAsync(nodeIds.Where(known.Contains).ToList());
    }

    /// <summary>Called by the canvas script with a <see cref="CanvasCommand"/> member name for a keyboard shortcut.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifyCommand(string command)
    {
        // Member names only: Enum.TryParse would also take numbers such as "3".
        if (!Enum.GetNames<CanvasCommand>().Contains(command, StringComparer.Ordinal))
        {
            return Task.CompletedTask;
        }

        var parsed = Enum.Parse<CanvasCommand>(command);

        if (ReadOnly && !ReadOnlyCommands.Contains(parsed))
        {
            return Task.CompletedTask;
        }

        return OnCommand.InvokeAsync(parsed);
    }

    /// <summary>Called by the canvas script on a double-click or Enter on a node.</summary>
    [JSInvokable, EditorBrowsable(EditorBrowsableState.Never)]
    public Task NotifyOpen(string nodeId) =>
        NodeIds().Contains(nodeId) ? OnOpen.InvokeAsync(nodeId) : Task.CompletedTask;

    private HashSet<string> NodeIds() => Graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
}
