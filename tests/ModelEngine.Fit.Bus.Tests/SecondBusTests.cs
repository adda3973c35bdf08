using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fit.MassTransit.Hosting;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Bus.Tests;

/// <summary>The FIT bus beside a host's own MassTransit bus, as in the server, which runs the messaging bus.</summary>
public sealed class SecondBusTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);

    [RabbitMqFact]
    public async Task TheFitBus_LeavesTheHostsOwnBusAlone()
    {
        var uri = RabbitMqTestServer.RequireUri();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = await FitNode.StartAsync(uri, FitBusRole.Worker);
        await using var caller = await FitNode.StartAsync(uri, FitBusRole.Caller, configure: (services, _) =>
        {
            services.AddSingleton<IFitRequestExecutor>(FakeExecutor.Echo());
            services.AddMassTransit(bus =>
            {
                bus.AddHandler<HostMessage>(context =>
                {
                    received.TrySetResult(context.Message.Text);
                    return Task.CompletedTask;
                });
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
            });
        });
        await FitNode.WaitUntilAsync(() => caller.Registry.Workers.Any(w => w.WorkerId == worker.Identity.WorkerId), s_wait, "the worker joins");

        var hostBus = caller.Services.GetRequiredService<IBus>();
        var fitBus = caller.Services.GetRequiredService<IFitBus>();
        Assert.Equal("loopback", hostBus.Address.Scheme);
        Assert.StartsWith("rabbitmq", fitBus.Address.Scheme, StringComparison.Ordinal);

        await hostBus.Publish(new HostMessage("json on the host bus")).WaitAsync(s_wait);
        Assert.Equal("json on the host bus", await received.Task.WaitAsync(s_wait));

        var info = caller.Registry.Workers.Single(w => w.WorkerId == worker.Identity.WorkerId);
        var response = await caller.Transport.InvokeAsync(info, FitNode.Request("flatbuffers on the FIT bus"), CancellationToken.None).WaitAsync(s_wait);
        Assert.Equal("flatbuffers on the FIT bus", Encoding.UTF8.GetString(response.Result.Data.Span));
    }

    /// <summary>A message of the host's own bus.</summary>
    public sealed record HostMessage(string Text);
}
