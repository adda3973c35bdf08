namespace ModelEngine.Fit.Contracts;

/// <summary>
/// Marks an operator contract. On an interface with one method, the id names that method. On a method of an
/// interface, it names that method alone.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class GenericableAttribute(string id) : Attribute
{
    /// <summary>The genericable id, <c>[0-9A-Za-z-_*.]</c>, at most 128 characters.</summary>
    public string Id { get; } = id;

    /// <summary>The contract version. Callers and fitables of other versions do not match.</summary>
    public string Version { get; init; } = "1.0.0";
}
