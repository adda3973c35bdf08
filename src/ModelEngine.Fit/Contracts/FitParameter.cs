namespace ModelEngine.Fit.Contracts;

/// <summary>One parameter of a genericable.</summary>
/// <param name="Name">The parameter name, which routing rules use to refer to the argument.</param>
/// <param name="Type">The wire type.</param>
/// <param name="ClrType">The .NET type when the contract is a .NET interface, otherwise <see langword="null"/>.</param>
public sealed record FitParameter(string Name, FitValueType Type, Type? ClrType = null);
