namespace ModelEngine.Workflows.Activities;

/// <summary>An output of type <typeparamref name="T"/>.</summary>
public sealed class Output<T> : Output
{
}
