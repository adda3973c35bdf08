using System.Reflection;

namespace ModelEngine.Fit.Binding;

/// <summary>Turns a method's return value (T, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;) into a boxed result.</summary>
internal static class ResultUnwrapper
{
    public static Func<object?, ValueTask<object?>> For(Type returnType)
    {
        if (returnType == typeof(void))
        {
            return _ => new ValueTask<object?>((object?)null);
        }

        if (returnType == typeof(Task))
        {
            return async value => { await ((Task)value!).ConfigureAwait(false); return null; };
        }

        if (returnType == typeof(ValueTask))
        {
            return async value => { await ((ValueTask)value!).ConfigureAwait(false); return null; };
        }

        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            var name = definition == typeof(Task<>) ? nameof(FromTask) : definition == typeof(ValueTask<>) ? nameof(FromValueTask) : null;
            if (name is not null)
            {
                var helper = typeof(ResultUnwrapper).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(returnType.GetGenericArguments()[0]);
                return helper.CreateDelegate<Func<object?, ValueTask<object?>>>();
            }
        }

        return value => new ValueTask<object?>(value);
    }

    private static async ValueTask<object?> FromTask<T>(object? value) => await ((Task<T>)value!).ConfigureAwait(false);

    private static async ValueTask<object?> FromValueTask<T>(object? value) => await ((ValueTask<T>)value!).ConfigureAwait(false);
}
