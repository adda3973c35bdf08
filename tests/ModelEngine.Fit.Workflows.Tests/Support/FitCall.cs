using ModelEngine.Fit.Client;

namespace ModelEngine.Fit.Workflows.Tests.Support;

/// <summary>One call the fake client received.</summary>
internal sealed record FitCall(string GenericableId, object?[] Arguments, FitCallOptions? Options);
