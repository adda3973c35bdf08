using System.Reflection;
using System.Reflection.Emit;

namespace ModelEngine.Fit.Client;

/// <summary>
/// A dynamic assembly that contains generated proxies and may use the internal types of the assemblies it is granted.
/// Callers serialize access to it.
/// </summary>
internal sealed class ProxyAssembly
{
    private readonly AssemblyBuilder _assembly;
    private readonly ConstructorInfo _ignoresAccessChecks;
    private readonly HashSet<string> _granted = new(StringComparer.Ordinal);

    public ProxyAssembly(bool collectible)
    {
        _assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("ModelEngine.Fit.Proxies"),
            collectible ? AssemblyBuilderAccess.RunAndCollect : AssemblyBuilderAccess.Run);
        Module = _assembly.DefineDynamicModule("ModelEngine.Fit.Proxies");

        // The runtime lets an assembly that carries IgnoresAccessChecksToAttribute("X") use X's internal types. The
        // attribute is not part of the public framework, so the proxy assembly declares its own.
        var attribute = Module.DefineType("System.Runtime.CompilerServices.IgnoresAccessChecksToAttribute",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(Attribute));
        var name = attribute.DefineField("_assemblyName", typeof(string), FieldAttributes.Private | FieldAttributes.InitOnly);
        var constructor = attribute.DefineConstructor(MethodAttributes.Public, CallingConventions.HasThis, [typeof(string)]);
        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, name);
        il.Emit(OpCodes.Ret);
        _ignoresAccessChecks = attribute.CreateType().GetConstructor([typeof(string)])!;
    }

    public ModuleBuilder Module { get; }

    /// <summary>The number of proxy types the assembly contains, used to make type names unique.</summary>
    public int Count { get; set; }

    /// <summary>Lets the proxies use the internal types of <paramref name="assembly"/>.</summary>
    public void Grant(Assembly assembly)
    {
        var name = assembly.GetName().Name!;
        if (_granted.Add(name))
        {
            _assembly.SetCustomAttribute(new CustomAttributeBuilder(_ignoresAccessChecks, [name]));
        }
    }
}
