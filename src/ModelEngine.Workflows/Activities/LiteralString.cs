namespace ModelEngine.Workflows.Activities;

/// <summary>The value of a string input written as a literal; <see cref="Value"/> is <see langword="null"/> when the input is empty.</summary>
public sealed record LiteralString(string? Value);
