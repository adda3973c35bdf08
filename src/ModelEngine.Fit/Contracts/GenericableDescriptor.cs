using System.Reflection;

namespace ModelEngine.Fit.Contracts;

/// <summary>
/// An operator contract: id, version, parameters and result. It comes from a .NET interface method marked with
/// <see cref="GenericableAttribute"/>, or is declared by hand for operators written in other languages.
/// </summary>
public sealed record GenericableDescriptor
{
    public required string Id { get; init; }

    public string Version { get; init; } = "1.0.0";

    public required IReadOnlyList<FitParameter> Parameters { get; init; }

    public FitValueType ResultType { get; init; } = FitValueType.Json;

    /// <summary>The result's .NET type (unwrapped from Task/ValueTask), or <see langword="null"/> for void.</summary>
    public Type? ResultClrType { get; init; }

    /// <summary>The interface method, when the contract is a .NET interface.</summary>
    public MethodInfo? Method { get; init; }

    /// <summary>The index of the method's <see cref="CancellationToken"/> parameter, or -1.</summary>
    public int CancellationTokenIndex { get; init; } = -1;
}
