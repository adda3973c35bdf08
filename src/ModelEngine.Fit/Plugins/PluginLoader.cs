using System.Reflection;
using Microsoft.Extensions.Logging;
using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins;

/// <summary>
/// Does the work of loading one plugin: copies or extracts it into a working folder, reads its manifest, loads its
/// entry assembly into a new <see cref="PluginLoadContext"/>, creates its fitables and checks them against the
/// manifest. It does not touch the registry. The manager adds what <see cref="Activate"/> returns.
/// </summary>
internal sealed class PluginLoader(IServiceProvider services, ILoggerFactory loggerFactory, ContractAssemblyLoader contracts)
{
    /// <summary>Copies a plugin folder, or extracts a plugin .zip, into <paramref name="workingDirectory"/> and reads its manifest.</summary>
    /// <exception cref="PluginLoadException">The source is neither, the archive is unsafe, or the manifest is missing or invalid.</exception>
    public static StagedPlugin Stage(string source, string workingDirectory)
    {
        bool isArchive;
        if (Directory.Exists(source))
        {
            isArchive = false;
            CopyDirectory(source, workingDirectory);
        }
        else if (File.Exists(source) && source.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            isArchive = true;
            PluginArchive.Extract(source, workingDirectory);
        }
        else
        {
            throw new PluginLoadException($"{source}: not a plugin folder or .zip archive. A plugin is a folder, or a .zip file, with {PluginManifest.FileName} at its root.");
        }

        // The manifest sits at the root, or inside the one top-level folder that zip tools often add.
        var root = workingDirectory;
        var prefix = "";
        if (!File.Exists(Path.Combine(root, PluginManifest.FileName)))
        {
            var children = Directory.GetDirectories(root);
            var files = Directory.GetFiles(root);
            if (children.Length == 1 && files.Length == 0 && File.Exists(Path.Combine(children[0], PluginManifest.FileName)))
            {
                root = children[0];
                prefix = Path.GetFileName(root) + "/";
            }
        }

        var display = isArchive ? $"{source}!/{prefix}{PluginManifest.FileName}" : Path.Combine(source, prefix, PluginManifest.FileName);
        var manifest = PluginManifestReader.Read(Path.Combine(root, PluginManifest.FileName), display);
        return new StagedPlugin(manifest, root, workingDirectory, display);
    }

    /// <summary>
    /// Loads the staged plugin's code and binds its fitables. The contract assemblies the manifest lists are promoted
    /// to the default context first, so the entry assembly binds to them there. On failure the new context is
    /// unloaded before the exception leaves. Promoted contracts stay loaded.
    /// </summary>
    /// <exception cref="PluginLoadException">A contract or the entry assembly is missing or fails to load, a class cannot be created, or the fitables do not match the manifest.</exception>
    public LoadedPlugin Activate(StagedPlugin staged)
    {
        var manifest = staged.Manifest;
        var entryPath = Path.GetFullPath(Path.Combine(staged.RootDirectory, manifest.EntryAssembly));
        if (!File.Exists(entryPath))
        {
            throw new PluginLoadException(
                $"{staged.ManifestDisplayPath}: field 'entryAssembly' names '{manifest.EntryAssembly}', but the plugin has no such file. Copy the assembly into the plugin folder or correct the name.");
        }

        PromoteContracts(staged);
        var context = new PluginLoadContext(manifest.Id, entryPath);
        var instances = new List<object>();
        try
        {
            var assembly = LoadEntryAssembly(context, entryPath, staged);
            var fitables = new List<LocalFitable>();
            var sources = new Dictionary<(string, string), Type>();
            foreach (var type in FindFitableTypes(assembly, staged))
            {
                var instance = CreateInstance(type, staged);
                instances.Add(instance);
                IReadOnlyList<LocalFitable> bound;
                try
                {
                    bound = FitableBinder.Bind(type, () => instance, manifest.Id);
                }
                catch (ArgumentException e)
                {
                    throw new PluginLoadException($"{manifest.EntryAssembly}: class '{type.FullName}' cannot be bound as a fitable: {e.Message}", e);
                }

                foreach (var fitable in bound)
                {
                    var key = (fitable.Descriptor.GenericableId, fitable.Descriptor.Id);
                    if (!sources.TryAdd(key, type))
                    {
                        throw new PluginLoadException(
                            $"{manifest.EntryAssembly}: classes '{sources[key].FullName}' and '{type.FullName}' both provide fitable '{key.Id}' of genericable '{key.GenericableId}'. Give one of them another [Fitable] id.");
                    }

                    fitables.Add(fitable);
                }
            }

            CheckAgainstManifest(staged, fitables, sources);
            return new LoadedPlugin(manifest, context, fitables, instances, staged.WorkingDirectory);
        }
        catch
        {
            DisposeInstances(instances);
            context.Unload();
            throw;
        }
    }

    /// <summary>Disposes the plugin's fitable objects that are disposable. Errors are returned, not thrown.</summary>
    public static IReadOnlyList<Exception> DisposeInstances(IReadOnlyList<object> instances)
    {
        var errors = new List<Exception>();
        foreach (var instance in instances)
        {
            try
            {
                if (instance is IAsyncDisposable asyncDisposable)
                {
                    asyncDisposable.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                else if (instance is IDisposable disposable)
                {
                    disposable.Dispose();
                }
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        return errors;
    }

    /// <summary>
    /// Loads the manifest's <c>contracts</c> into the default context, where an assembly of the same name already
    /// there (the host's, or one promoted earlier) is used instead.
    /// </summary>
    private void PromoteContracts(StagedPlugin staged)
    {
        var problems = new List<string>();
        for (var i = 0; i < staged.Manifest.Contracts.Count; i++)
        {
            var relative = staged.Manifest.Contracts[i];
            var path = Path.GetFullPath(Path.Combine(staged.RootDirectory, relative));
            if (!File.Exists(path))
            {
                problems.Add($"{staged.ManifestDisplayPath}: entry 'contracts[{i}]' names '{relative}', but the plugin has no such file. Copy the contract assembly into the plugin folder or correct the path.");
                continue;
            }

            var result = contracts.Promote(path, probeHost: true);
            if (result.State == ContractAssemblyState.Failed)
            {
                problems.Add($"{staged.ManifestDisplayPath}: the contract assembly '{relative}' (entry 'contracts[{i}]') could not be loaded into the host: {result.Error} Copy a valid .NET 10 assembly.");
            }
        }

        if (problems.Count > 0)
        {
            throw new PluginLoadException(problems);
        }
    }

    private static Assembly LoadEntryAssembly(PluginLoadContext context, string entryPath, StagedPlugin staged)
    {
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(entryPath);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new PluginLoadException(
                $"{staged.ManifestDisplayPath}: the entry assembly '{staged.Manifest.EntryAssembly}' failed to load: {e.Message} Build the plugin for .NET 10 and copy a valid assembly.",
                e);
        }

        // The runtime loads a dependency only when code first needs it. Resolving the direct references now makes a
        // missing file fail the load, not the plugin's first call.
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            try
            {
                context.LoadFromAssemblyName(reference);
            }
            catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new PluginLoadException(
                    $"{staged.Manifest.EntryAssembly}: the dependency '{reference.Name}' ({reference.Version}) failed to load: {e.Message} Copy the missing assembly into the plugin folder (publishing the plugin does this); if it contains contracts, put it in the host's contracts directory (Fit:Plugins:ContractsDirectory) or list it under the manifest's 'contracts'.",
                    e);
            }
        }

        return assembly;
    }

    private static IEnumerable<Type> FindFitableTypes(Assembly assembly, StagedPlugin staged)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            var causes = e.LoaderExceptions.Where(x => x is not null).Select(x => x!.Message).Distinct().Take(3);
            throw new PluginLoadException(
                $"{staged.Manifest.EntryAssembly}: loading the plugin's types failed, usually because a dependency is missing from the plugin folder: {string.Join(" ", causes)} Copy the missing assemblies into the plugin folder (or publish the plugin with its dependencies).",
                e);
        }

        // A class without [Fitable] (a helper or a decorator of a contract) is not a fitable and is left alone.
        return types.Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
            && (t.IsDefined(typeof(FitableAttribute), inherit: false)
                || t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Any(m => m.IsDefined(typeof(FitableAttribute), inherit: false)))
            && t.GetInterfaces().Any(IsGenericableContract));
    }

    private static bool IsGenericableContract(Type contract) =>
        contract.IsDefined(typeof(GenericableAttribute), inherit: false)
        || contract.GetMethods().Any(m => m.IsDefined(typeof(GenericableAttribute), inherit: false));

    /// <summary>
    /// Creates the one instance that serves all calls of a fitable class. The constructor taking an
    /// <see cref="IServiceProvider"/> is preferred, then one taking an <see cref="ILogger"/>, then a parameterless one.
    /// </summary>
    private object CreateInstance(Type type, StagedPlugin staged)
    {
        var constructors = type.GetConstructors();
        object?[]? arguments = null;
        ConstructorInfo? chosen = null;
        foreach (var (parameterType, argument) in new (Type?, Func<object>?)[]
                 {
                     (typeof(IServiceProvider), () => services),
                     // A non-generic logger named after the class: ILogger<T> would make the host cache a type of the plugin.
                     (typeof(ILogger), () => loggerFactory.CreateLogger(type.FullName ?? type.Name)),
                     (null, null),
                 })
        {
            chosen = constructors.FirstOrDefault(c => c.GetParameters() is var p
                && (parameterType is null ? p.Length == 0 : p.Length == 1 && p[0].ParameterType == parameterType));
            if (chosen is not null)
            {
                arguments = argument is null ? [] : [argument()];
                break;
            }
        }

        if (chosen is null)
        {
            throw new PluginLoadException(
                $"{staged.Manifest.EntryAssembly}: fitable class '{type.FullName}' has no public constructor that takes no arguments, an IServiceProvider or an ILogger. Add one of them.");
        }

        try
        {
            return chosen.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new PluginLoadException(
                $"{staged.Manifest.EntryAssembly}: the constructor of fitable class '{type.FullName}' threw {e.InnerException.GetType().Name}: {e.InnerException.Message}",
                e.InnerException);
        }
    }

    private static void CheckAgainstManifest(StagedPlugin staged, List<LocalFitable> fitables, Dictionary<(string, string), Type> sources)
    {
        var manifest = staged.Manifest;
        var file = staged.ManifestDisplayPath;
        var problems = new List<string>();
        var provided = fitables.Select(f => (f.Descriptor.GenericableId, f.Descriptor.Id)).ToHashSet();
        var declared = manifest.Fitables.Select(f => (f.GenericableId, f.Id)).ToHashSet();
        for (var i = 0; i < manifest.Fitables.Count; i++)
        {
            var reference = manifest.Fitables[i];
            if (!provided.Contains((reference.GenericableId, reference.Id)))
            {
                problems.Add($"{file}: entry 'fitables[{i}]' declares fitable '{reference.Id}' of genericable '{reference.GenericableId}', but no [Fitable] class in '{manifest.EntryAssembly}' provides it. Add the class or remove the entry.");
            }
        }

        foreach (var fitable in fitables)
        {
            var descriptor = fitable.Descriptor;
            if (!declared.Contains((descriptor.GenericableId, descriptor.Id)))
            {
                problems.Add($"{file}: class '{sources[(descriptor.GenericableId, descriptor.Id)].FullName}' provides fitable '{descriptor.Id}' of genericable '{descriptor.GenericableId}', but 'fitables' does not declare it. Add {{ \"genericable\": \"{descriptor.GenericableId}\", \"id\": \"{descriptor.Id}\" }} to 'fitables'.");
            }
        }

        for (var i = 0; i < manifest.Genericables.Count; i++)
        {
            var reference = manifest.Genericables[i];
            var contract = fitables.FirstOrDefault(f => f.Genericable.Id == reference.Id)?.Genericable;
            if (contract is null)
            {
                problems.Add($"{file}: entry 'genericables[{i}]' declares genericable '{reference.Id}', but no fitable in '{manifest.EntryAssembly}' implements it. Remove the entry or add a [Fitable] class for it.");
            }
            else if (contract.Version != reference.Version)
            {
                problems.Add($"{file}: field 'genericables[{i}].version' is '{reference.Version}', but the contract '{contract.Method?.DeclaringType?.FullName}' of genericable '{reference.Id}' has version '{contract.Version}'. Rebuild the plugin against the host's contracts and set the version to '{contract.Version}'.");
            }
        }

        if (problems.Count > 0)
        {
            throw new PluginLoadException(problems);
        }
    }

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false };
        foreach (var directory in Directory.EnumerateDirectories(source, "*", options))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", options))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}
