namespace ModelEngine.Studio.Features.Designer.Canvas;

/// <summary>
/// One activity on the canvas. <see cref="OutPorts"/> has a port per outcome, in order. <see cref="Status"/> is set in
/// the instance viewer (<c>Completed</c>, <c>Running</c>, <c>Suspended</c>, <c>Faulted</c>, <c>Cancelled</c>), and
/// <see cref="Problems"/> lists the validation messages shown on the node. <see cref="PortLabels"/>, when set, has the
/// text shown beside each port of <see cref="OutPorts"/>, in the same order and in the user's language; a port without
/// a label shows its name. Edges always name the port, never its label.
/// </summary>
public sealed record CanvasNode(
    string Id,
    string TypeName,
    string Label,
    double X,
    double Y,
    IReadOnlyList<string> OutPorts,
    bool HasInPort = true,
    string? Category = null,
    string? Status = null,
    IReadOnlyList<string>? Problems = null,
    bool IsContainer = false,
    IReadOnlyList<string>? PortLabels = null);
