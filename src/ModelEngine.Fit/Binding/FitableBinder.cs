using System.Reflection;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.SharedMemory;

namespace ModelEngine.Fit.Binding;

/// <summary>Turns .NET contracts and implementations into descriptors and direct-call delegates.</summary>
public static class FitableBinder
{
    /// <summary>Describes the genericables an interface declares: the interface itself (one method) or its marked methods.</summary>
    public static IReadOnlyList<GenericableDescriptor> DescribeContract(Type contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (!contract.IsInterface)
        {
            throw new ArgumentException($"Invalid genericable contract '{contract.FullName}': it is not an interface. Declare the contract as an interface.", nameof(contract));
        }

        var onInterface = contract.GetCustomAttribute<GenericableAttribute>();
        var methods = contract.GetMethods();
        var result = new List<GenericableDescriptor>();
        foreach (var method in methods)
        {
            var attribute = method.GetCustomAttribute<GenericableAttribute>();
            if (attribute is null && onInterface is not null && methods.Length == 1)
            {
                attribute = onInterface;
            }

            if (attribute is not null)
            {
                result.Add(Describe(method, attribute));
            }
        }

        if (onInterface is not null && methods.Length != 1 && result.Count == 0)
        {
            throw new ArgumentException(
                $"'{contract.FullName}' carries [Genericable] but declares {methods.Length} methods; mark each method instead.",
                nameof(contract));
        }

        return result;
    }

    /// <summary>Describes one interface method as a genericable.</summary>
    public static GenericableDescriptor Describe(MethodInfo method, GenericableAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(attribute);
        FitIds.Validate(attribute.Id, nameof(attribute));
        var parameters = new List<FitParameter>();
        var tokenIndex = -1;
        var all = method.GetParameters();
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].ParameterType == typeof(CancellationToken))
            {
                tokenIndex = i;
                continue;
            }

            parameters.Add(new FitParameter(all[i].Name ?? $"arg{i}", TypeOf(all[i].ParameterType), all[i].ParameterType));
        }

        var resultType = UnwrapResult(method.ReturnType);
        return new GenericableDescriptor
        {
            Id = attribute.Id,
            Version = attribute.Version,
            Parameters = parameters,
            ResultType = resultType is null ? FitValueType.Void : TypeOf(resultType),
            ResultClrType = resultType,
            Method = method,
            CancellationTokenIndex = tokenIndex,
        };
    }

    /// <summary>Returns the wire type of a .NET type.</summary>
    public static FitValueType TypeOf(Type type) =>
        type == typeof(string) ? FitValueType.String
        : type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) || type == typeof(Memory<byte>) || typeof(FitPayload).IsAssignableFrom(type) ? FitValueType.Bytes
        : FitValueType.Json;

    /// <summary>Returns the result type inside Task/ValueTask, or <see langword="null"/> for none.</summary>
    public static Type? UnwrapResult(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return null;
        }

        if (returnType.IsGenericType)
        {
            var definition = returnType.GetGenericTypeDefinition();
            if (definition == typeof(Task<>) || definition == typeof(ValueTask<>))
            {
                return returnType.GetGenericArguments()[0];
            }
        }

        return returnType;
    }

    /// <summary>
    /// Binds the fitables an implementation provides, one per genericable method of the contracts it implements. The
    /// class's <see cref="FitableAttribute"/> names them. A method's own attribute overrides it.
    /// </summary>
    public static IReadOnlyList<LocalFitable> Bind(Type implementation, Func<object> instanceFactory, string owner)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(instanceFactory);
        var onClass = implementation.GetCustomAttribute<FitableAttribute>();
        var result = new List<LocalFitable>();
        foreach (var contract in implementation.GetInterfaces())
        {
            var genericables = DescribeContract(contract);
            if (genericables.Count == 0)
            {
                continue;
            }

            var map = implementation.GetInterfaceMap(contract);
            foreach (var genericable in genericables)
            {
                var index = Array.IndexOf(map.InterfaceMethods, genericable.Method);
                var target = map.TargetMethods[index];
                var attribute = target.GetCustomAttribute<FitableAttribute>() ?? onClass
                    ?? throw new ArgumentException(
                        $"'{implementation.FullName}' implements genericable '{genericable.Id}' but has no [Fitable] id.",
                        nameof(implementation));
                FitIds.Validate(attribute.Id, nameof(implementation));
                var descriptor = new FitableDescriptor
                {
                    GenericableId = genericable.Id,
                    GenericableVersion = genericable.Version,
                    Id = attribute.Id,
                    Aliases = attribute.Aliases,
                    Tags = attribute.Tags,
                    IsDefault = attribute.IsDefault,
                    DegradesTo = attribute.DegradesTo,
                };
                result.Add(new LocalFitable(genericable, descriptor, MethodInvoker.Create(genericable, instanceFactory), owner));
            }
        }

        return result;
    }
}
