using System.Reflection;
using System.Reflection.Emit;
using System.Text.Json.Nodes;
using ModelEngine.Fit.Contracts;
using ModelEngine.Samples.Operators.Contracts;

namespace ModelEngine.Fit.Plugins.Tests;

/// <summary>
/// Writes small plugin assemblies with <see cref="PersistedAssemblyBuilder"/>, for cases the sample plugin cannot
/// show: a contract that lives in the plugin, a constructor that throws, no usable constructor.
/// </summary>
internal static class EmittedPlugin
{
    public enum Constructor
    {
        Parameterless,
        Throwing,
        TakesInt,
    }

    /// <summary>Writes a plugin whose fitable <c>echo</c> implements a contract <c>emitted.echo</c> defined in the plugin itself.</summary>
    public static string WithPrivateContract(string folder)
    {
        var (assembly, module) = Begin("Emitted.PrivateContract");
        var contract = module.DefineType("Emitted.IEcho", TypeAttributes.Public | TypeAttributes.Interface | TypeAttributes.Abstract);
        contract.SetCustomAttribute(Attribute<GenericableAttribute>("emitted.echo"));
        var contractMethod = contract.DefineMethod(
            "Echo",
            MethodAttributes.Public | MethodAttributes.Abstract | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(string),
            [typeof(string)]);
        contract.CreateType();

        var type = module.DefineType("Emitted.Echo", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(object), [contract]);
        type.SetCustomAttribute(Attribute<FitableAttribute>("echo"));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        var method = type.DefineMethod(
            "Echo",
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(string),
            [typeof(string)]);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ret);
        type.DefineMethodOverride(method, contractMethod);
        type.CreateType();
        return Save(assembly, folder, "Emitted.PrivateContract.dll", "emitted.private-contract", "emitted.echo", "echo");
    }

    /// <summary>
    /// Writes a plugin whose class implements the host's <see cref="ITextSummarizer"/> and, when
    /// <paramref name="markFitable"/> is set, is the fitable <c>emitted-summarizer</c>. The manifest always declares it.
    /// </summary>
    public static string WithSummarizer(string folder, Constructor constructor, bool markFitable = true)
    {
        var (assembly, module) = Begin("Emitted.Summarizer");
        var type = module.DefineType("Emitted.Summarizer", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(object), [typeof(ITextSummarizer)]);
        if (markFitable)
        {
            type.SetCustomAttribute(Attribute<FitableAttribute>("emitted-summarizer"));
        }

        var parameters = constructor == Constructor.TakesInt ? new[] { typeof(int) } : Type.EmptyTypes;
        var il = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, parameters).GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(object).GetConstructor(Type.EmptyTypes)!);
        if (constructor == Constructor.Throwing)
        {
            il.Emit(OpCodes.Ldstr, "the emitted constructor failed");
            il.Emit(OpCodes.Newobj, typeof(InvalidOperationException).GetConstructor([typeof(string)])!);
            il.Emit(OpCodes.Throw);
        }
        else
        {
            il.Emit(OpCodes.Ret);
        }

        var contractMethod = typeof(ITextSummarizer).GetMethod(nameof(ITextSummarizer.SummarizeAsync))!;
        var method = type.DefineMethod(
            contractMethod.Name,
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            contractMethod.ReturnType,
            contractMethod.GetParameters().Select(p => p.ParameterType).ToArray());
        var body = method.GetILGenerator();
        body.Emit(OpCodes.Ldnull);
        body.Emit(OpCodes.Ret);
        type.DefineMethodOverride(method, contractMethod);
        type.CreateType();
        return Save(assembly, folder, "Emitted.Summarizer.dll", "emitted.summarizer", TestPlugins.Summarize, "emitted-summarizer");
    }

    private static (PersistedAssemblyBuilder Assembly, ModuleBuilder Module) Begin(string name)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(name), typeof(object).Assembly);
        return (assembly, assembly.DefineDynamicModule(name));
    }

    private static CustomAttributeBuilder Attribute<T>(string id)
        where T : Attribute =>
        new(typeof(T).GetConstructor([typeof(string)])!, [id]);

    private static string Save(PersistedAssemblyBuilder assembly, string folder, string fileName, string pluginId, string genericableId, string fitableId)
    {
        Directory.CreateDirectory(folder);
        assembly.Save(Path.Combine(folder, fileName));
        var manifest = new JsonObject
        {
            ["id"] = pluginId,
            ["version"] = "1.0.0",
            ["entryAssembly"] = fileName,
            ["genericables"] = new JsonArray(new JsonObject { ["id"] = genericableId }),
            ["fitables"] = new JsonArray(new JsonObject { ["genericable"] = genericableId, ["id"] = fitableId }),
        };
        File.WriteAllText(Path.Combine(folder, "plugin.json"), manifest.ToJsonString());
        return folder;
    }
}
