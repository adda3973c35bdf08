using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelEngine.Fit.MassTransit;
using ModelEngine.Fit.Remote;
using ModelEngine.Worker;

// A FIT operator worker: it loads operator plugins, serves their fitables from its queue fit.worker.{workerId} and
// announces them with heartbeats. Settings: Fit:NodeId, Fit:WorkerId, Fit:Bus:* and the plugin directory.
var builder = Host.CreateApplicationBuilder(args);

// TODO: register FIT dispatch here (services.AddFit(configuration)), which provides the real IFitRequestExecutor.

// PLUGINS: the plugin loader goes on this line: builder.Services.AddFitPlugins(builder.Configuration);

builder.Services.TryAddSingleton<IFitRequestExecutor, UnservedRequestExecutor>();
builder.Services.AddFitMassTransit(builder.Configuration);

await builder.Build().RunAsync();
