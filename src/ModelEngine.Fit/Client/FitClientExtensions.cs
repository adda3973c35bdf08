using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Client;

/// <summary>Shortcuts over <see cref="IFitClient"/>.</summary>
public static class FitClientExtensions
{
    /// <summary>Starts a fluent call of a genericable: options first, then <see cref="FitCallBuilder.InvokeAsync(object?[])"/>.</summary>
    public static FitCallBuilder Route(this IFitClient client, string genericableId)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new FitCallBuilder(client, FitIds.Validate(genericableId, nameof(genericableId)), FitCallOptions.Default);
    }

    /// <summary>Calls a genericable and casts its result to <typeparamref name="T"/>.</summary>
    public static async ValueTask<T?> InvokeAsync<T>(
        this IFitClient client, string genericableId, IReadOnlyList<object?> arguments, FitCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return (T?)await client.InvokeAsync(genericableId, arguments, options, cancellationToken).ConfigureAwait(false);
    }
}
