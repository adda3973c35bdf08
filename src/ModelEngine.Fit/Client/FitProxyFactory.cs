using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Client;

/// <summary>
/// Generates typed proxies with Reflection.Emit. Each genericable method packs its arguments into an array, calls
/// its <see cref="FitProxyMethod"/> and converts the boxed result to the declared return type. There is no reflection
/// on the call path. A method that is not a genericable throws <see cref="NotSupportedException"/>. A contract from a
/// collectible load context (a plugin) gets a collectible assembly of its own, so that the proxy does not keep the
/// plugin loaded after its last proxy is gone.
/// </summary>
internal static class FitProxyFactory
{
    private static readonly Lock s_gate = new();
    private static readonly ConditionalWeakTable<Type, Shape> s_shapes = new();
    private static readonly MethodInfo s_invoke = typeof(FitProxyMethod).GetMethod(nameof(FitProxyMethod.Invoke))!;
    private static readonly MethodInfo s_empty = typeof(Array).GetMethod(nameof(Array.Empty))!.MakeGenericMethod(typeof(object));
    private static readonly ConstructorInfo s_notSupported = typeof(NotSupportedException).GetConstructor([typeof(string)])!;
    private static ProxyAssembly? s_shared;

    public static object Create(Type contract, FitClient client, FitCallOptions options)
    {
        var shape = s_shapes.GetValue(contract, Build);
        var methods = new FitProxyMethod?[shape.Genericables.Length];
        for (var i = 0; i < methods.Length; i++)
        {
            methods[i] = shape.Genericables[i] is { } genericable ? new FitProxyMethod(client, genericable, options) : null;
        }

        return Activator.CreateInstance(shape.Type, [methods])!;
    }

    private static Shape Build(Type contract)
    {
        if (!contract.IsInterface)
        {
            throw new ArgumentException($"Invalid proxy type '{contract.FullName}': it is not an interface. FIT proxies implement genericable interfaces.", nameof(contract));
        }

        if (contract.ContainsGenericParameters)
        {
            throw new ArgumentException($"Invalid proxy type '{contract.FullName}': it is an open generic interface. Pass a closed type, with all type arguments set.", nameof(contract));
        }

        lock (s_gate)
        {
            var target = IsCollectible(contract) ? new ProxyAssembly(collectible: true) : s_shared ??= new ProxyAssembly(collectible: false);
            target.Grant(typeof(FitProxyFactory).Assembly);
            var type = target.Module.DefineType($"ModelEngine.Fit.Proxies.{contract.Name}_{++target.Count}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(object), [contract]);
            var field = type.DefineField("_methods", typeof(FitProxyMethod[]), FieldAttributes.Private | FieldAttributes.InitOnly);
            DefineConstructor(type, field);

            var genericables = new List<GenericableDescriptor?>();
            foreach (var declaring in new[] { contract }.Concat(contract.GetInterfaces()))
            {
                target.Grant(declaring.Assembly);
                var described = FitableBinder.DescribeContract(declaring).ToDictionary(g => g.Method!);
                foreach (var method in declaring.GetMethods().Where(m => m.IsAbstract && !m.IsStatic))
                {
                    var index = -1;
                    if (described.TryGetValue(method, out var genericable))
                    {
                        Check(method);
                        index = genericables.Count;
                        genericables.Add(genericable);
                    }

                    DefineMethod(type, field, method, genericable, index);
                }
            }

            return new Shape(type.CreateType(), [.. genericables]);
        }
    }

    private static void Check(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition || method.GetParameters().Any(p => p.ParameterType.IsByRef) || method.ReturnType.IsByRef)
        {
            throw new NotSupportedException(
                $"Genericable method '{method.DeclaringType?.Name}.{method.Name}' is generic or passes by reference; FIT proxies support neither.");
        }
    }

    private static void DefineConstructor(TypeBuilder type, FieldInfo field)
    {
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.HasThis, [typeof(FitProxyMethod[])]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(object).GetConstructor(Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);
    }

    private static void DefineMethod(TypeBuilder type, FieldInfo field, MethodInfo method, GenericableDescriptor? genericable, int index)
    {
        var parameters = method.GetParameters();
        var builder = type.DefineMethod($"{method.DeclaringType!.Name}.{method.Name}",
            MethodAttributes.Private | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            method.ReturnType, parameters.Select(p => p.ParameterType).ToArray());
        type.DefineMethodOverride(builder, method);
        var il = builder.GetILGenerator();
        if (genericable is null)
        {
            il.Emit(OpCodes.Ldstr, $"Method '{method.DeclaringType.Name}.{method.Name}' is not a genericable: mark it with [Genericable] to call it through a FIT proxy.");
            il.Emit(OpCodes.Newobj, s_notSupported);
            il.Emit(OpCodes.Throw);
            return;
        }

        // this._methods[index]
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldelem_Ref);

        // The arguments in parameter order, the cancellation token left out.
        var count = genericable.Parameters.Count;
        if (count == 0)
        {
            il.Emit(OpCodes.Call, s_empty);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I4, count);
            il.Emit(OpCodes.Newarr, typeof(object));
            for (int i = 0, slot = 0; i < parameters.Length; i++)
            {
                if (i == genericable.CancellationTokenIndex)
                {
                    continue;
                }

                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Ldc_I4, slot++);
                il.Emit(OpCodes.Ldarg, i + 1);
                if (parameters[i].ParameterType.IsValueType)
                {
                    il.Emit(OpCodes.Box, parameters[i].ParameterType);
                }

                il.Emit(OpCodes.Stelem_Ref);
            }
        }

        if (genericable.CancellationTokenIndex >= 0)
        {
            il.Emit(OpCodes.Ldarg, genericable.CancellationTokenIndex + 1);
        }
        else
        {
            var none = il.DeclareLocal(typeof(CancellationToken));
            il.Emit(OpCodes.Ldloca, none);
            il.Emit(OpCodes.Initobj, typeof(CancellationToken));
            il.Emit(OpCodes.Ldloc, none);
        }

        il.Emit(OpCodes.Callvirt, s_invoke);
        il.Emit(OpCodes.Call, Converter(method.ReturnType));
        il.Emit(OpCodes.Ret);
    }

    private static MethodInfo Converter(Type returnType)
    {
        static MethodInfo Named(string name) => typeof(FitProxyResults).GetMethod(name)!;
        if (returnType == typeof(void))
        {
            return Named(nameof(FitProxyResults.ToVoid));
        }

        if (returnType == typeof(Task))
        {
            return Named(nameof(FitProxyResults.ToTask));
        }

        if (returnType == typeof(ValueTask))
        {
            return Named(nameof(FitProxyResults.ToValueTask));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return Named(nameof(FitProxyResults.ToTaskOf)).MakeGenericMethod(returnType.GetGenericArguments());
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return Named(nameof(FitProxyResults.ToValueTaskOf)).MakeGenericMethod(returnType.GetGenericArguments());
        }

        return Named(nameof(FitProxyResults.ToValue)).MakeGenericMethod(returnType);
    }

    /// <summary>Checks whether the contract, or a type its methods use, lives in a collectible load context.</summary>
    private static bool IsCollectible(Type contract) =>
        new[] { contract }.Concat(contract.GetInterfaces()).Any(type => type.IsCollectible
            || type.GetMethods().Any(m => m.ReturnType.IsCollectible || m.GetParameters().Any(p => p.ParameterType.IsCollectible)));

    private sealed record Shape(Type Type, GenericableDescriptor?[] Genericables);
}
