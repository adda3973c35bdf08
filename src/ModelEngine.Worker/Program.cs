using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelEngine.Fit.MassTransit;
using ModelEngine.Fit.Hosting;
using ModelEngine.Fit.Plugins;
using ModelEngine.Fit.SharedMemory;
using ModelEngine.Fit.Transfer;

// A FIT operator worker: it loads operator plugins, serves their fitables from its queue fit.worker.{workerId} and
// announces them with heartbeats. Settings: Fit:NodeId, Fit:WorkerId, Fit:Bus:* and the plugin directory.

// The content root is the worker's own folder, so its appsettings.json (which sets Fit:Bus:Role to Worker) is read
// even when the worker starts from another directory, for example with `dotnet run --project src/ModelEngine.Worker`.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// FIT dispatch (the executor that runs requests) and the operator plugins from Fit:Plugins:Directory.
builder.Services.AddFit(builder.Configuration).AddPlugins();

// Shared-memory payloads and the TCP transfer service that other nodes pull them from (Fit:Transfer).
builder.Services.Configure<TcpTransferOptions>(builder.Configuration.GetSection(TcpTransferOptions.SectionName));
builder.Services.AddFitSharedMemory();

builder.Services.AddFitMassTransit(builder.Configuration);

await builder.Build().RunAsync();
