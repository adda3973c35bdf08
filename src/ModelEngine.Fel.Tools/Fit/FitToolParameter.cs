using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fel.Tools;

/// <summary>One parameter of an operator tool.</summary>
/// <param name="Parameter">The genericable's parameter.</param>
/// <param name="Required">The model must pass a value, because the .NET parameter has no default.</param>
/// <param name="DefaultValue">The value used when the model passes none and the parameter is optional.</param>
internal sealed record FitToolParameter(FitParameter Parameter, bool Required, object? DefaultValue);
