using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.Extensions.Logging;

namespace ModelEngine.Fit.Plugins.Tests;

/// <summary>
/// Contracts the test host does not reference: from the contracts directory and from a plugin's manifest. Each test
/// emits a contract assembly with a name of its own, because the default context never unloads one.
/// </summary>
public sealed class SharedContractTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private readonly EmittedContract _contract = EmittedContract.CreateUnique();
    private PluginHost? _host;

    private string Watched => _temp.Combine("watched");

    private string ContractsFolder => Path.Combine(Watched, PluginOptions.DefaultContractsFolderName);

    private PluginHost Host => _host ??= new PluginHost(Watched, _temp.Combine("work"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Start_ContractsDirectory_LoadsFirst()
    {
        var contractPath = _contract.WriteContract(Path.Combine(ContractsFolder, _contract.FileName));
        _contract.WritePlugin(Path.Combine(Watched, "echo"), contractPath);
        Assert.False(IsInDefaultContext(_contract.AssemblyName));

        await Host.StartAsync();

        var plugin = Assert.Single(Host.Manager.Plugins);
        Assert.Equal(PluginState.Loaded, plugin.State);
        Assert.Equal(Path.Combine(Watched, "echo"), plugin.Source);
        var contract = Assert.Single(Host.Manager.Contracts);
        Assert.Equal(ContractAssemblyState.Loaded, contract.State);
        Assert.Equal(_contract.AssemblyName, contract.AssemblyName);
        Assert.True(IsInDefaultContext(_contract.AssemblyName));
        Assert.Same(AssemblyLoadContext.Default, ContractContext(Host, _contract));
        Assert.Equal("hi", await TestPlugins.InvokeAsync(Host.Registry, _contract.GenericableId, EmittedContract.FitableId, "hi"));

        var events = Host.Logs.Entries.Select(e => e.EventId.Id).ToList();
        Assert.Contains(6420, events);
        Assert.True(events.IndexOf(6420) < events.IndexOf(6400), "The contract did not load before the plugin.");
    }

    [Fact]
    public async Task Start_ConfiguredContractsDirectory_IsUsed()
    {
        var elsewhere = _temp.Combine("shared-contracts");
        var contractPath = _contract.WriteContract(Path.Combine(elsewhere, _contract.FileName));
        _contract.WritePlugin(Path.Combine(Watched, "echo"), contractPath);
        _host = new PluginHost(Watched, _temp.Combine("work"), contractsDirectory: elsewhere);

        await Host.StartAsync();

        Assert.Equal(elsewhere, Host.Manager.ContractsDirectory);
        Assert.Equal(PluginState.Loaded, Assert.Single(Host.Manager.Plugins).State);
        Assert.Equal(ContractAssemblyState.Loaded, Assert.Single(Host.Manager.Contracts).State);
    }

    [Fact]
    public async Task Start_BrokenContract_OthersStillLoad()
    {
        Directory.CreateDirectory(ContractsFolder);
        var broken = Path.Combine(ContractsFolder, "Broken.Contracts.dll");
        await File.WriteAllTextAsync(broken, "not an assembly");
        var contractPath = _contract.WriteContract(Path.Combine(ContractsFolder, _contract.FileName));
        _contract.WritePlugin(Path.Combine(Watched, "echo"), contractPath);

        await Host.StartAsync();

        Assert.Equal(PluginState.Loaded, Assert.Single(Host.Manager.Plugins).State);
        var failed = Assert.Single(Host.Manager.Contracts, c => c.Path == broken);
        Assert.Equal(ContractAssemblyState.Failed, failed.State);
        Assert.Contains("not a readable .NET assembly", failed.Error);
        Assert.Equal(ContractAssemblyState.Loaded, Assert.Single(Host.Manager.Contracts, c => c.Path != broken).State);
        var logged = Assert.Single(Host.Logs.Entries, e => e.EventId.Id == 6421);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal(broken, logged.Fields["ContractPath"]);

        // A failed file is not retried, nor logged again, until it changes.
        Host.Manager.LoadContracts();
        Assert.Single(Host.Logs.Entries, e => e.EventId.Id == 6421);
    }

    [Fact]
    public async Task Load_ContractAddedLater_IsUsed()
    {
        await Host.StartAsync();
        Assert.Empty(Host.Manager.Contracts);
        var contractPath = _contract.WriteContract(Path.Combine(ContractsFolder, _contract.FileName));
        var folder = _contract.WritePlugin(_temp.Combine("echo"), contractPath);

        var info = Host.Manager.Load(folder);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Same(AssemblyLoadContext.Default, ContractContext(Host, _contract));
    }

    [Fact]
    public void Resolving_ContractsDirectory_ResolvesByName()
    {
        _ = Host.Manager;
        _contract.WriteContract(Path.Combine(ContractsFolder, _contract.FileName));

        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(_contract.AssemblyName));

        Assert.Equal(_contract.AssemblyName, assembly.GetName().Name);
        Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(assembly));
        Assert.Equal(ContractAssemblyState.Loaded, Assert.Single(Host.Manager.Contracts).State);
    }

    [Fact]
    public async Task Load_ManifestContracts_Promoted()
    {
        var folder = _temp.Combine("carrier");
        var contractPath = _contract.WriteContract(Path.Combine(folder, "contracts", _contract.FileName));
        _contract.WritePlugin(folder, contractPath, "contracts/" + _contract.FileName);
        Assert.False(IsInDefaultContext(_contract.AssemblyName));

        var info = Host.Manager.Load(folder);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.True(IsInDefaultContext(_contract.AssemblyName));
        Assert.Same(AssemblyLoadContext.Default, ContractContext(Host, _contract));
        Assert.Equal("hi", await TestPlugins.InvokeAsync(Host.Registry, _contract.GenericableId, EmittedContract.FitableId, "hi"));
        Assert.Empty(Host.Manager.Contracts);

        Assert.True(Host.Manager.Unload(folder));

        Assert.False(TestPlugins.IsAliveAfterCollection(info.LoadContext!), "The plugin's load context is still alive after unloading.");
        Assert.True(IsInDefaultContext(_contract.AssemblyName), "The promoted contract left the default context.");
    }

    [Fact]
    public void Load_ManifestContractLoaded_KeepsLoadedCopy()
    {
        _contract.WriteContract(Path.Combine(ContractsFolder, _contract.FileName));
        Host.Manager.LoadContracts();
        var folder = _temp.Combine("carrier");
        var newer = _contract.WriteContract(Path.Combine(folder, "contracts", _contract.FileName), new Version(2, 0, 0, 0));
        _contract.WritePlugin(folder, newer, "contracts/" + _contract.FileName);

        var info = Host.Manager.Load(folder);

        Assert.Equal(PluginState.Loaded, info.State);
        Assert.Equal(new Version(1, 0, 0, 0), ContractAssembly(Host, _contract).GetName().Version);
        var logged = Assert.Single(Host.Logs.Entries, e => e.EventId.Id == 6422);
        Assert.Equal(LogLevel.Debug, logged.Level);
        Assert.Equal("2.0.0.0", logged.Fields["FileVersion"]);
        Assert.Equal("1.0.0.0", logged.Fields["LoadedVersion"]);
    }

    [Fact]
    public void Load_ManifestContractMissing_Fails()
    {
        var folder = _temp.Combine("carrier");
        var contractPath = _contract.WriteContract(_temp.Combine("elsewhere", _contract.FileName));
        _contract.WritePlugin(folder, contractPath, "contracts/" + _contract.FileName);

        var info = Host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains($"entry 'contracts[0]' names 'contracts/{_contract.FileName}', but the plugin has no such file", info.Error);
        Assert.False(IsInDefaultContext(_contract.AssemblyName));
    }

    [Fact]
    public void Load_ContractInNeitherPlace_Fails()
    {
        var contractPath = _contract.WriteContract(_temp.Combine("elsewhere", _contract.FileName));
        var folder = _contract.WritePlugin(_temp.Combine("echo"), contractPath);

        var info = Host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains($"the dependency '{_contract.AssemblyName}'", info.Error);
        Assert.Contains("Fit:Plugins:ContractsDirectory", info.Error);
        Assert.Contains("'contracts'", info.Error);
        Assert.Null(Host.Registry.GetLocal(_contract.GenericableId, EmittedContract.FitableId));
    }

    [Fact]
    public void Load_UnlistedContractInPluginFolder_IsRejected()
    {
        var folder = _temp.Combine("echo");
        var contractPath = _contract.WriteContract(Path.Combine(folder, _contract.FileName));
        _contract.WritePlugin(folder, contractPath);

        var info = Host.Manager.Load(folder);

        Assert.Equal(PluginState.Failed, info.State);
        Assert.Contains($"the contract '{_contract.AssemblyName}.IEcho' of genericable '{_contract.GenericableId}' was loaded from the plugin folder, not from the host", info.Error);
        Assert.Contains("list that assembly under the manifest's 'contracts' field", info.Error);
        Assert.False(IsInDefaultContext(_contract.AssemblyName));
        Assert.Null(Host.Registry.GetLocal(_contract.GenericableId, EmittedContract.FitableId));
    }

    private static bool IsInDefaultContext(string assemblyName) =>
        AssemblyLoadContext.Default.Assemblies.Any(a => a.GetName().Name == assemblyName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly ContractAssembly(PluginHost host, EmittedContract contract) =>
        host.Registry.GetLocal(contract.GenericableId, EmittedContract.FitableId)!.Genericable.Method!.DeclaringType!.Assembly;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static AssemblyLoadContext? ContractContext(PluginHost host, EmittedContract contract) =>
        AssemblyLoadContext.GetLoadContext(ContractAssembly(host, contract));
}
