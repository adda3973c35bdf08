using Microsoft.Extensions.Options;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Transfer;

namespace ModelEngine.Fit.Tests.SharedMemory;

/// <summary>A private store directory under /dev/shm (or the temp folder), removed with everything in it.</summary>
public sealed class TestStoreDirectory : IDisposable
{
    public TestStoreDirectory()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, "modelengine-fit-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public int FileCount => Directory.EnumerateFiles(Path).Count();

    public static FitNodeOptions Options(string nodeId, string path, int threshold = 64 * 1024) => new()
    {
        NodeId = nodeId,
        SharedMemoryPath = path,
        SharedMemoryThreshold = threshold,
        LeaseDuration = TimeSpan.FromMinutes(5),
    };

    public SharedMemoryStore CreateStore(
        string nodeId = "node-a",
        TimeProvider? time = null,
        IMemoryRegionRegistry? regions = null,
        IMemoryTransport? transport = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options(nodeId, Path)), time, regions, transport);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a test that failed may still hold a file.
        }
    }
}
