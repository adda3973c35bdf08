using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Routing;

/// <summary>
/// A call's arguments as routing rules see them: by position, and by parameter name when the genericable's contract is
/// known. It wraps the caller's array. Reading it allocates nothing.
/// </summary>
public readonly struct FitArguments
{
    private readonly IReadOnlyList<FitParameter>? _parameters;
    private readonly object?[] _values;

    internal FitArguments(IReadOnlyList<FitParameter>? parameters, object?[] values)
    {
        _parameters = parameters;
        _values = values;
    }

    /// <summary>The number of arguments the call carries.</summary>
    public int Count => _values?.Length ?? 0;

    /// <summary>The argument at <paramref name="index"/>.</summary>
    public object? this[int index] => _values[index];

    /// <summary>The argument of the named parameter, or <see langword="null"/> when there is no such parameter.</summary>
    public object? this[string name] => TryGet(name, out var value) ? value : null;

    /// <summary>Reads the argument of the named parameter. Returns false when the contract has no such parameter.</summary>
    public bool TryGet(string name, out object? value)
    {
        if (_parameters is not null && _values is not null)
        {
            var count = Math.Min(_parameters.Count, _values.Length);
            for (var i = 0; i < count; i++)
            {
                if (string.Equals(_parameters[i].Name, name, StringComparison.Ordinal))
                {
                    value = _values[i];
                    return true;
                }
            }
        }

        value = null;
        return false;
    }
}
