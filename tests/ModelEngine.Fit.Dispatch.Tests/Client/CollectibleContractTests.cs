using System.Reflection;
using System.Reflection.Emit;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Client;

public sealed class CollectibleContractTests
{
    /// <summary>Emits <c>[Genericable("plugin.echo")] public interface IPluginEcho { string Echo(string text); }</c> into a collectible assembly.</summary>
    private static Type EmitCollectibleContract()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("PluginContracts"), AssemblyBuilderAccess.RunAndCollect);
        var type = assembly.DefineDynamicModule("PluginContracts").DefineType("IPluginEcho",
            TypeAttributes.Public | TypeAttributes.Interface | TypeAttributes.Abstract);
        type.SetCustomAttribute(new CustomAttributeBuilder(typeof(GenericableAttribute).GetConstructor([typeof(string)])!, ["plugin.echo"]));
        var method = type.DefineMethod("Echo", MethodAttributes.Public | MethodAttributes.Abstract | MethodAttributes.Virtual | MethodAttributes.HideBySig | MethodAttributes.NewSlot,
            typeof(string), [typeof(string)]);
        method.DefineParameter(1, ParameterAttributes.None, "text");
        return type.CreateType();
    }

    [Fact]
    public void Proxy_CollectibleContract_GetsCollectibleAssembly()
    {
        var contract = EmitCollectibleContract();
        var genericable = Assert.Single(FitableBinder.DescribeContract(contract));
        var registry = new FitRegistry();
        registry.AddLocal(new LocalFitable(genericable, Descriptor("plugin.echo", "plugin-echo"),
            (args, _) => ValueTask.FromResult<object?>("plugin " + args[0]), "plugin"));
        var client = NewClient(registry);

        var proxy = typeof(FitClient).GetMethod(nameof(FitClient.Get))!.MakeGenericMethod(contract).Invoke(client, [null])!;

        Assert.True(proxy.GetType().Assembly.IsCollectible);
        Assert.NotSame(proxy.GetType().Assembly, client.Get<ITextOps>().GetType().Assembly);
        Assert.False(client.Get<ITextOps>().GetType().Assembly.IsCollectible);
        Assert.Equal("plugin hi", contract.GetMethod("Echo")!.Invoke(proxy, ["hi"]));
    }
}
