using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ModelEngine.Fit.Plugins;
using ModelEngine.Fit.Registry;

namespace ModelEngine.Fit.Plugins.Tests;

/// <summary>The sample plugin laid out by the build, and helpers that copy, change and call it.</summary>
internal static class TestPlugins
{
    public const string SampleId = "samples.text-operators";
    public const string Summarize = "samples.text.summarize";
    public const string WordCount = "samples.text.word-count";
    public const string Keywords = "samples.text.keywords";

    public static string SampleFolder { get; } = Path.Combine(AppContext.BaseDirectory, "plugins", "text-operators");

    public static string SampleZip { get; } = Path.Combine(AppContext.BaseDirectory, "plugins", "text-operators.zip");

    /// <summary>Copies the sample plugin folder to <paramref name="destination"/>, optionally changing its manifest.</summary>
    public static string CopySample(string destination, Action<JsonObject>? editManifest = null)
    {
        CopyDirectory(SampleFolder, destination);
        if (editManifest is not null)
        {
            EditManifest(destination, editManifest);
        }

        return destination;
    }

    public static void EditManifest(string folder, Action<JsonObject> edit)
    {
        var path = Path.Combine(folder, PluginManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Zips <paramref name="folder"/> into <paramref name="archive"/> with the files at the archive's root.</summary>
    public static string Zip(string folder, string archive)
    {
        ZipFile.CreateFromDirectory(folder, archive);
        return archive;
    }

    /// <summary>
    /// Calls a local fitable through the registry. It runs in its own method so that no test frame keeps the plugin's
    /// delegate (and with it the plugin's context) alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<object?> InvokeAsync(IFitRegistry registry, string genericableId, string fitableId, params object?[] arguments)
    {
        var fitable = registry.GetLocal(genericableId, fitableId)
            ?? throw new InvalidOperationException($"Fitable '{fitableId}' of '{genericableId}' is not in the registry.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await fitable.Invoke(arguments, timeout.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Returns whether the context is still alive, after up to 20 rounds of full garbage collection.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static bool IsAliveAfterCollection(WeakReference<PluginLoadContext> reference)
    {
        for (var i = 0; i < 20 && IsAlive(reference); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return IsAlive(reference);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsAlive(WeakReference<PluginLoadContext> reference) => reference.TryGetTarget(out _);
}
