// A second FIT node for the cross-process tests. It runs a shared-memory store in its own directory, serves its
// segments over TCP on loopback, and reads one command per line from stdin:
//   WRITE <bytes> <seed>   writes a payload, lends it, and prints HANDLE <base64 request envelope> <sha256>
//   PULL <base64>          opens the handle in the envelope's first argument and prints PULLED <sha256> <length>
//   RELEASE                disposes the payloads it wrote and prints OK
//   COUNT                  prints COUNT <segment files> <open payloads> <registered regions>
//   EXIT                   stops
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Protocol;
using ModelEngine.Fit.Remote;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Transfer;

var nodeId = args.Length > 0 ? args[0] : "test-node";
var directory = args.Length > 1 ? args[1] : Path.Combine("/dev/shm", "modelengine-fit-testnode-" + Environment.ProcessId);

var regions = new MemoryRegionRegistry();
var transferOptions = Options.Create(new TcpTransferOptions());
await using var server = new TcpTransferServer(regions, transferOptions);
await server.StartAsync(CancellationToken.None);
using var transport = new TcpMemoryTransport(transferOptions);
using var store = new SharedMemoryStore(
    Options.Create(new FitNodeOptions { NodeId = nodeId, SharedMemoryPath = directory }),
    regions: regions,
    transport: transport);

var written = new List<FitPayload>();
Console.Out.WriteLine($"READY {regions.Endpoint}");
Console.Out.Flush();

while (Console.In.ReadLine() is { } line)
{
    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    if (parts.Length == 0)
    {
        continue;
    }

    try
    {
        switch (parts[0])
        {
            case "WRITE":
                var data = new byte[int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)];
                new Random(int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)).NextBytes(data);
                var payload = store.Write(data);
                store.AddLease(payload);
                written.Add(payload);
                var request = new FitRequest
                {
                    RequestId = Guid.NewGuid().ToString(),
                    GenericableId = "test.transfer",
                    FitableId = "test",
                    Arguments = [FitValue.FromHandle(payload.Handle)],
                };
                Console.Out.WriteLine($"HANDLE {Convert.ToBase64String(FitEnvelope.WriteRequest(request))} {Convert.ToHexString(SHA256.HashData(data))}");
                break;
            case "PULL":
                var received = FitEnvelope.ReadRequest(Convert.FromBase64String(parts[1]));
                using (var pulled = await store.OpenAsync(received.Arguments[0].Handle!))
                {
                    Console.Out.WriteLine($"PULLED {Convert.ToHexString(SHA256.HashData(pulled.Span))} {pulled.Length}");
                }

                break;
            case "RELEASE":
                written.ForEach(held => held.Dispose());
                written.Clear();
                Console.Out.WriteLine("OK");
                break;
            case "COUNT":
                Console.Out.WriteLine($"COUNT {store.LiveSegmentCount} {store.OpenPayloadCount} {regions.Count}");
                break;
            case "EXIT":
                return 0;
            default:
                Console.Out.WriteLine($"ERROR unknown command {parts[0]}");
                break;
        }
    }
    catch (Exception exception)
    {
        Console.Out.WriteLine($"ERROR {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ")}");
    }

    Console.Out.Flush();
}

return 0;
