using System.Reflection;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Binding;

/// <summary>Builds the direct-call delegate of a local fitable.</summary>
internal static class MethodInvoker
{
    public static Func<object?[], CancellationToken, ValueTask<object?>> Create(GenericableDescriptor genericable, Func<object> instanceFactory)
    {
        var method = genericable.Method ?? throw new ArgumentException($"Genericable '{genericable.Id}' has no .NET method.", nameof(genericable));
        var count = method.GetParameters().Length;
        var tokenIndex = genericable.CancellationTokenIndex;
        var unwrap = ResultUnwrapper.For(method.ReturnType);
        return (arguments, cancellationToken) =>
        {
            var call = new object?[count];
            for (int i = 0, a = 0; i < count; i++)
            {
                call[i] = i == tokenIndex ? cancellationToken : arguments[a++];
            }

            try
            {
                return unwrap(method.Invoke(instanceFactory(), call));
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        };
    }
}
