using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Registry;

/// <summary>
/// A fitable loaded in this process: its descriptors and a delegate that calls it directly, with the arguments as
/// they are, in parameter order (the cancellation token is passed apart).
/// </summary>
public sealed class LocalFitable(
    GenericableDescriptor genericable,
    FitableDescriptor descriptor,
    Func<object?[], CancellationToken, ValueTask<object?>> invoke,
    string owner)
{
    public GenericableDescriptor Genericable { get; } = genericable;

    public FitableDescriptor Descriptor { get; } = descriptor;

    /// <summary>Calls the fitable. The arguments array has one entry per <see cref="GenericableDescriptor.Parameters"/>.</summary>
    public Func<object?[], CancellationToken, ValueTask<object?>> Invoke { get; } = invoke;

    /// <summary>Who registered it: <c>code</c>, or the id of the plugin that loaded it.</summary>
    public string Owner { get; } = owner;
}
