using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Diagnostics;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.MassTransit;
using ModelEngine.Fit.Registry;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.TestOperators.Contracts;
using ModelEngine.Fit.Transfer;
using Xunit.Abstractions;

namespace ModelEngine.Fit.Bus.Tests.Workers;

/// <summary>
/// A 50 MB document passed from a caller composed like the server to a ModelEngine.Worker process on the same node
/// travels by shared-memory handle and is read in place: neither process allocates anything near its size on the
/// managed heap while the call runs, as <see cref="GC.GetTotalAllocatedBytes(bool)"/> in both processes shows.
/// </summary>
[Collection(AllocationMeasurementCollection.Name)]
public sealed class SameNodeZeroCopyTests
{
    private const string DigestGenericable = "test.document.digest";
    private const string DigestFitable = "digest-sha256";
    private const string AllocationsGenericable = "test.process.allocated-bytes";
    private const string AllocationsFitable = "gc-total";

    private const int DocumentSize = 50 * 1024 * 1024;

    /// <summary>
    /// The maximum either process may allocate during one call. One copy of the document would be 50 MiB, and even a
    /// copy of 2% of it would pass 1 MiB, so anything that copies the document into managed memory fails. The rest of a
    /// call (envelopes, the MassTransit pipeline, the JSON result, opening the segment, and concurrent heartbeats) measured
    /// about 25 KiB in the caller and 50 to 70 KiB in the worker on a 2-core machine. 1 MiB leaves a wide margin.
    /// </summary>
    private const long AllocationBound = 1024 * 1024;

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private readonly ITestOutputHelper _output;

    public SameNodeZeroCopyTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [RabbitMqFact]
    public async Task LargeDocument_SameNodeWorker_IsNotCopied()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var workerId = "zero-copy-worker-" + suffix;
        var sharedMemory = Path.Combine("/dev/shm", "modelengine-fit-zero-copy-" + suffix);
        var scratch = Directory.CreateTempSubdirectory("modelengine-zero-copy-");
        var plugins = Path.Combine(scratch.FullName, "plugins");
        DirectoryCopy.Copy(Path.Combine(AppContext.BaseDirectory, "test-plugins", "test-operators"), Path.Combine(plugins, "test-operators"));

        // Caller and worker are one node: the same node id and the same shared-memory directory.
        var node = new Dictionary<string, string>
        {
            ["Fit:NodeId"] = "zero-copy-node-" + suffix,
            ["Fit:SharedMemoryPath"] = sharedMemory,
            ["Fit:Bus:RabbitMq"] = uri,
            ["Fit:Bus:HeartbeatPeriod"] = "00:00:01",
            ["Fit:Bus:AliveTime"] = "00:00:05",
            ["Fit:Bus:SweepInterval"] = "00:00:00.500",
        };
        WorkerProcess? worker = null;
        IHost? caller = null;
        try
        {
            caller = await StartCallerAsync(node, "zero-copy-caller-" + suffix);
            worker = WorkerProcess.Start(workerId, new Dictionary<string, string>(node)
            {
                ["Fit:Bus:Role"] = "Worker",
                ["Fit:Plugins:Directory"] = plugins,
                ["Fit:Plugins:WorkDirectory"] = Path.Combine(scratch.FullName, "work"),
            });
            var registry = caller.Services.GetRequiredService<IFitRegistry>();
            await WaitForWorkerAsync(registry, worker);

            // The caller has no fitable of its own: the document can only reach the worker's.
            Assert.Null(registry.GetLocal(DigestGenericable, DigestFitable));
            Assert.Equal(new[] { workerId }, registry.GetWorkers(DigestGenericable, DigestFitable).Select(w => w.WorkerId));

            var document = new byte[DocumentSize];
            new Random(20261205).NextBytes(document);
            var expected = new DocumentDigest(DocumentSize, Convert.ToHexString(SHA256.HashData(document)));
            var client = caller.Services.GetRequiredService<IFitClient>();
            var store = caller.Services.GetRequiredService<SharedMemoryStore>();
            using var timeout = new CancellationTokenSource(s_wait * 2);
            var token = timeout.Token;

            // Warm-up: the first calls compile proxies, open the bus paths and JIT both sides. The trace of the first
            // one shows where it ran.
            var attempts = await TraceAttemptsAsync(async () =>
                Assert.Equal(expected, await client.Get<IDocumentDigest>().DigestAsync(document, token).AsTask().WaitAsync(s_wait)));
            var (location, attemptWorker) = Assert.Single(attempts);
            Assert.Equal("remote", location);
            Assert.Equal(workerId, attemptWorker);
            using (var warm = store.Write(document))
            {
                Assert.Equal(expected, await DigestPayloadAsync(client, warm, token));
            }

            await client.Get<IProcessAllocations>().GetTotalAllocatedBytesAsync(token).AsTask().WaitAsync(s_wait);

            // The document as a byte array, written to a segment by the caller's codec on its way out.
            var (digest, callerBytes, workerBytes) = await MeasureAsync(client, () => client.Get<IDocumentDigest>().DigestAsync(document, token).AsTask(), token);
            _output.WriteLine($"byte[] argument: caller allocated {callerBytes} bytes, worker allocated {workerBytes} bytes.");
            Assert.Equal(expected, digest);
            AssertFarBelowDocument("The caller, passing a byte array,", callerBytes);
            AssertFarBelowDocument("The worker, reading a document passed as a byte array,", workerBytes);

            // The document written to the store before the call and passed as a payload: only its handle travels.
            using var payload = store.Write(document);
            (digest, callerBytes, workerBytes) = await MeasureAsync(client, () => DigestPayloadAsync(client, payload, token), token);
            _output.WriteLine($"payload argument: caller allocated {callerBytes} bytes, worker allocated {workerBytes} bytes.");
            Assert.Equal(expected, digest);
            AssertFarBelowDocument("The caller, passing a payload it wrote before,", callerBytes);
            AssertFarBelowDocument("The worker, reading a document passed as a payload,", workerBytes);
        }
        catch (Exception) when (worker is not null)
        {
            _output.WriteLine("Worker output:" + Environment.NewLine + worker.Output);
            throw;
        }
        finally
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            if (caller is not null)
            {
                await StopAsync(caller);
            }

            Directory.Delete(scratch.FullName, recursive: true);
            if (Directory.Exists(sharedMemory))
            {
                Directory.Delete(sharedMemory, recursive: true);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> between two readings of the allocation counters: this process's directly, the
    /// worker's through its allocations fitable. The document is allocated before, so only the transit is counted.
    /// </summary>
    private static async Task<(DocumentDigest Digest, long CallerBytes, long WorkerBytes)> MeasureAsync(
        IFitClient client, Func<Task<DocumentDigest>> call, CancellationToken token)
    {
        var allocations = client.Get<IProcessAllocations>();
        var workerBefore = await allocations.GetTotalAllocatedBytesAsync(token).AsTask().WaitAsync(s_wait);
        var callerBefore = GC.GetTotalAllocatedBytes(precise: true);
        var digest = await call().WaitAsync(s_wait);
        var callerAfter = GC.GetTotalAllocatedBytes(precise: true);
        var workerAfter = await allocations.GetTotalAllocatedBytesAsync(token).AsTask().WaitAsync(s_wait);
        return (digest, callerAfter - callerBefore, workerAfter - workerBefore);
    }

    /// <summary>Calls the digest with a payload through the generic invoker, since the typed contract takes memory.</summary>
    private static async Task<DocumentDigest> DigestPayloadAsync(IFitClient client, FitPayload payload, CancellationToken token)
    {
        var result = await client.InvokeAsync(DigestGenericable, [payload], cancellationToken: token).AsTask().WaitAsync(s_wait);

        // The client decodes into the contract's result type once a typed proxy has described the genericable, and into
        // JSON before that.
        return result switch
        {
            DocumentDigest digest => digest,
            JsonElement json => json.Deserialize<DocumentDigest>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!,
            _ => throw new InvalidOperationException($"The digest came back as {result?.GetType().Name ?? "null"}."),
        };
    }

    private static void AssertFarBelowDocument(string subject, long allocated) =>
        Assert.True(allocated < AllocationBound,
            $"{subject} allocated {allocated} bytes of managed memory during one call with a {DocumentSize}-byte document; " +
            $"the bound is {AllocationBound} bytes, so the document (or part of it) was copied.");

    /// <summary>Runs <paramref name="call"/> and returns the location and worker of each FIT attempt of the digest fitable.</summary>
    private static async Task<IReadOnlyList<(string? Location, string? Worker)>> TraceAttemptsAsync(Func<Task> call)
    {
        var attempts = new ConcurrentQueue<(string?, string?)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FitDiagnosticNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == FitDiagnosticNames.AttemptActivity
                    && activity.GetTagItem(FitDiagnosticNames.FitableTag) as string == DigestFitable)
                {
                    attempts.Enqueue((activity.GetTagItem(FitDiagnosticNames.LocationTag) as string, activity.GetTagItem(FitDiagnosticNames.WorkerTag) as string));
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await call();
        return [.. attempts];
    }

    /// <summary>Waits until the worker's heartbeat announces both test fitables, and fails at once when the worker exits.</summary>
    private static async Task WaitForWorkerAsync(IFitRegistry registry, WorkerProcess worker)
    {
        await worker.WaitUntilReadyAsync(s_wait);
        var deadline = DateTime.UtcNow + s_wait;
        while (!Hosts(registry, worker.WorkerId, DigestGenericable, DigestFitable) || !Hosts(registry, worker.WorkerId, AllocationsGenericable, AllocationsFitable))
        {
            Assert.False(worker.HasExited, $"Worker '{worker.WorkerId}' exited. Its output:{Environment.NewLine}{worker.Output}");
            Assert.True(DateTime.UtcNow < deadline,
                $"Worker '{worker.WorkerId}' did not announce {DigestFitable} and {AllocationsFitable} within {s_wait}. Its output:{Environment.NewLine}{worker.Output}");
            await Task.Delay(50);
        }
    }

    private static bool Hosts(IFitRegistry registry, string workerId, string genericableId, string fitableId) =>
        registry.GetWorkers(genericableId, fitableId).Any(w => w.WorkerId == workerId);

    /// <summary>
    /// Starts a caller composed like the server: FIT dispatch, the shared-memory store with its transfer service and
    /// value codec, and the FIT bus in the caller role. It loads no plugins.
    /// </summary>
    private static async Task<IHost> StartCallerAsync(IReadOnlyDictionary<string, string> node, string workerId)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(node.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fit:WorkerId"] = workerId,
            ["Fit:Bus:Role"] = "Caller",
        });
        builder.Services.AddLogging();
        builder.Services.AddFit(builder.Configuration);
        builder.Services.Configure<TcpTransferOptions>(builder.Configuration.GetSection(TcpTransferOptions.SectionName));
        builder.Services.AddFitSharedMemory();
        builder.Services.AddFitMassTransit(builder.Configuration);
        var host = builder.Build();
        using var start = new CancellationTokenSource(s_wait);
        try
        {
            await host.StartAsync(start.Token);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }

    private static async Task StopAsync(IHost host)
    {
        try
        {
            using var stop = new CancellationTokenSource(s_wait);
            await host.StopAsync(stop.Token);
        }
        finally
        {
            host.Dispose();
        }
    }
}
