namespace ModelEngine.Workflows.Descriptors;

/// <summary>Registers an activity class with the registry. Add one per class with <c>services.AddActivity&lt;T&gt;()</c>.</summary>
public sealed record ActivityType(Type ClrType);
