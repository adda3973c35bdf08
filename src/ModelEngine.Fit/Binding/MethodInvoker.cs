using System.Linq.Expressions;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Binding;

/// <summary>
/// Builds the direct-call delegate of a local fitable: a compiled expression that casts each argument to its parameter
/// type, passes the token in its place, calls the interface method on the instance, and boxes the result. No
/// reflection runs per call, and a synchronous or already finished result allocates nothing beyond its box.
/// </summary>
internal static class MethodInvoker
{
    public static Func<object?[], CancellationToken, ValueTask<object?>> Create(GenericableDescriptor genericable, Func<object> instanceFactory)
    {
        var method = genericable.Method ?? throw new ArgumentException($"Genericable '{genericable.Id}' has no .NET method.", nameof(genericable));
        ArgumentNullException.ThrowIfNull(instanceFactory);
        var arguments = Expression.Parameter(typeof(object?[]), "arguments");
        var token = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var parameters = method.GetParameters();
        var values = new Expression[parameters.Length];
        for (int i = 0, a = 0; i < parameters.Length; i++)
        {
            values[i] = i == genericable.CancellationTokenIndex
                ? token
                : Cast(Expression.ArrayIndex(arguments, Expression.Constant(a++)), parameters[i].ParameterType);
        }

        var instance = Expression.Convert(Expression.Invoke(Expression.Constant(instanceFactory)), method.DeclaringType!);
        var body = ResultUnwrapper.Wrap(Expression.Call(instance, method, values));
        return Expression.Lambda<Func<object?[], CancellationToken, ValueTask<object?>>>(body, arguments, token).Compile();
    }

    /// <summary>Casts an argument. A null argument of a value type becomes the type's default.</summary>
    private static Expression Cast(Expression value, Type type)
    {
        if (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)
        {
            return Expression.Convert(value, type);
        }

        return Expression.Condition(Expression.Equal(value, Expression.Constant(null)), Expression.Default(type), Expression.Convert(value, type));
    }
}
