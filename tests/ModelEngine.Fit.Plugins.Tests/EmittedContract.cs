using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using System.Text.Json.Nodes;
using ModelEngine.Fit.Contracts;

namespace ModelEngine.Fit.Plugins.Tests;

/// <summary>
/// Writes a contract assembly and a plugin built against it, each with a name no other test uses. Once an assembly is
/// in the default load context it stays there for the rest of the test process, so every test that needs a host
/// without the contracts gets contracts of its own.
/// </summary>
internal sealed class EmittedContract
{
    public const string FitableId = "echo";

    private EmittedContract(string unique)
    {
        AssemblyName = $"Emitted.Contract.{unique}";
        GenericableId = $"emitted.shared.{unique}";
        PluginId = $"emitted.shared-plugin.{unique}";
    }

    /// <summary>The contract assembly's simple name, and its file name without <c>.dll</c>.</summary>
    public string AssemblyName { get; }

    public string FileName => AssemblyName + ".dll";

    /// <summary>The id of the contract's <c>[Genericable]</c> interface <c>IEcho</c>.</summary>
    public string GenericableId { get; }

    public string PluginId { get; }

    public static EmittedContract CreateUnique() => new(Guid.NewGuid().ToString("N"));

    /// <summary>Writes the contract assembly, with interface <c>IEcho</c> (<c>string Echo(string)</c>), to <paramref name="path"/>.</summary>
    public string WriteContract(string path, Version? version = null)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(AssemblyName) { Version = version ?? new Version(1, 0, 0, 0) }, typeof(object).Assembly);
        var module = assembly.DefineDynamicModule(AssemblyName);
        var contract = module.DefineType(AssemblyName + ".IEcho", TypeAttributes.Public | TypeAttributes.Interface | TypeAttributes.Abstract);
        contract.SetCustomAttribute(new CustomAttributeBuilder(typeof(GenericableAttribute).GetConstructor([typeof(string)])!, [GenericableId]));
        contract.DefineMethod(
            "Echo",
            MethodAttributes.Public | MethodAttributes.Abstract | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(string),
            [typeof(string)]);
        contract.CreateType();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        assembly.Save(path);
        return path;
    }

    /// <summary>
    /// Writes a plugin folder whose fitable <see cref="FitableId"/> implements <c>IEcho</c> from the contract at
    /// <paramref name="contractPath"/>, which the plugin is compiled against but which is not copied. When
    /// <paramref name="carriedContracts"/> is given, the manifest lists it under <c>contracts</c>.
    /// </summary>
    public string WritePlugin(string folder, string contractPath, params string[] carriedContracts)
    {
        // The contract's types are needed to emit against; a throwaway context reads them without touching the default one.
        var reader = new AssemblyLoadContext("emitted-contract-reader", isCollectible: true);
        try
        {
            using (var image = new MemoryStream(File.ReadAllBytes(contractPath)))
            {
                var contract = reader.LoadFromStream(image).GetType(AssemblyName + ".IEcho", throwOnError: true)!;
                WritePluginAssembly(folder, contract);
            }
        }
        finally
        {
            reader.Unload();
        }

        var manifest = new JsonObject
        {
            ["id"] = PluginId,
            ["version"] = "1.0.0",
            ["entryAssembly"] = PluginAssemblyName + ".dll",
            ["genericables"] = new JsonArray(new JsonObject { ["id"] = GenericableId }),
            ["fitables"] = new JsonArray(new JsonObject { ["genericable"] = GenericableId, ["id"] = FitableId }),
        };
        if (carriedContracts.Length > 0)
        {
            manifest["contracts"] = new JsonArray(carriedContracts.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
        }

        File.WriteAllText(Path.Combine(folder, PluginManifest.FileName), manifest.ToJsonString());
        return folder;
    }

    private string PluginAssemblyName => AssemblyName.Replace("Contract", "Plugin", StringComparison.Ordinal);

    private void WritePluginAssembly(string folder, Type contract)
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName(PluginAssemblyName), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule(PluginAssemblyName);
        var type = module.DefineType(PluginAssemblyName + ".Echo", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(object), [contract]);
        type.SetCustomAttribute(new CustomAttributeBuilder(typeof(FitableAttribute).GetConstructor([typeof(string)])!, [FitableId]));
        type.DefineDefaultConstructor(MethodAttributes.Public);
        EmittedPlugin.ImplementEcho(type, contract.GetMethod("Echo")!);
        type.CreateType();
        Directory.CreateDirectory(folder);
        assembly.Save(Path.Combine(folder, PluginAssemblyName + ".dll"));
    }
}
