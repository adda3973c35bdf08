using System.Linq.Expressions;
using System.Reflection;

namespace ModelEngine.Fit.Binding;

/// <summary>
/// Turns a method's return value (T, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;) into a boxed result. A result that
/// is already there is returned synchronously, without an async state machine.
/// </summary>
internal static class ResultUnwrapper
{
    private static readonly ValueTask<object?> s_null = new((object?)null);

    /// <summary>Creates a delegate that unwraps a boxed return value of <paramref name="returnType"/>.</summary>
    public static Func<object?, ValueTask<object?>> For(Type returnType)
    {
        var value = Expression.Parameter(typeof(object), "value");
        var typed = returnType == typeof(void) ? null : Expression.Convert(value, returnType);
        var body = typed is null ? Expression.Constant(s_null) : Wrap(typed);
        return Expression.Lambda<Func<object?, ValueTask<object?>>>(body, value).Compile();
    }

    /// <summary>Wraps an expression of a method's return type into one of type <see cref="ValueTask{TResult}"/> of object.</summary>
    public static Expression Wrap(Expression call)
    {
        var type = call.Type;
        if (type == typeof(void))
        {
            return Expression.Block(call, Expression.Constant(s_null));
        }

        if (type == typeof(Task))
        {
            return Expression.Call(Helper(nameof(FromTask)), call);
        }

        if (type == typeof(ValueTask))
        {
            return Expression.Call(Helper(nameof(FromValueTask)), call);
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Task<>))
            {
                return Expression.Call(Helper(nameof(FromTaskOf)).MakeGenericMethod(type.GetGenericArguments()), call);
            }

            if (definition == typeof(ValueTask<>))
            {
                return Expression.Call(Helper(nameof(FromValueTaskOf)).MakeGenericMethod(type.GetGenericArguments()), call);
            }
        }

        return Expression.New(typeof(ValueTask<object?>).GetConstructor([typeof(object)])!, Expression.Convert(call, typeof(object)));
    }

    private static MethodInfo Helper(string name) => typeof(ResultUnwrapper).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static ValueTask<object?> FromTask(Task task) =>
        task.IsCompletedSuccessfully ? s_null : AwaitTask(task);

    private static ValueTask<object?> FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? s_null : AwaitValueTask(task);

    private static ValueTask<object?> FromTaskOf<T>(Task<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitTaskOf(task);

    private static ValueTask<object?> FromValueTaskOf<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitValueTaskOf(task);

    private static async ValueTask<object?> AwaitTask(Task task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> AwaitValueTask(ValueTask task)
    {
        await task.ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> AwaitTaskOf<T>(Task<T> task) => await task.ConfigureAwait(false);

    private static async ValueTask<object?> AwaitValueTaskOf<T>(ValueTask<T> task) => await task.ConfigureAwait(false);
}
