using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelEngine.HumanTasks;
using ModelEngine.Server.Hosting;
using ModelEngine.Server.Tests.Infrastructure;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Persistence;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Scripting;

namespace ModelEngine.Server.Tests;

public sealed class RetentionServiceTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;

    public RetentionServiceTests()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddModelEngineWorkflows();
        services.AddModelEngineHumanTasks();
        services.AddModelEngineScripting();
        _services = services.BuildServiceProvider();
    }

    private IWorkflowInstanceStore Instances => _services.GetRequiredService<IWorkflowInstanceStore>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    [Fact]
    public async Task Sweep_DeletesOnlyOldFinishedInstances()
    {
        var old = await ExecuteAsync(WriteLineModel("sweep-old"));
        var running = await ExecuteAsync(UserTaskModel("sweep-running"));
        _clock.Advance(TimeSpan.FromHours(2));
        var recent = await ExecuteAsync(WriteLineModel("sweep-recent"));
        _clock.Advance(TimeSpan.FromHours(1.5));
        using var service = CreateService(TimeSpan.FromHours(3));

        var deleted = await service.SweepAsync(TimeSpan.FromHours(3), CancellationToken.None).WaitAsync(Timeouts.Poll);

        Assert.Equal(1, deleted);
        Assert.Null(await Instances.FindSummaryAsync(old).WaitAsync(Timeouts.Request));
        Assert.NotNull(await Instances.FindSummaryAsync(recent).WaitAsync(Timeouts.Request));
        var stillRunning = await Instances.FindSummaryAsync(running).WaitAsync(Timeouts.Request);
        Assert.Equal(WorkflowSubStatus.Suspended, stillRunning?.SubStatus);
    }

    [Fact]
    public async Task Sweep_MoreThanOneBatch_DeletesAll()
    {
        var definitionId = await PublishAsync(WriteLineModel("sweep-batches"));
        for (var n = 0; n < FinishedInstanceRetentionService.BatchSize + 5; n++)
        {
            await _services.GetRequiredService<IWorkflowRuntime>().ExecuteAsync(new StartWorkflowRequest(definitionId)).WaitAsync(Timeouts.Request);
        }

        _clock.Advance(TimeSpan.FromDays(2));
        using var service = CreateService(TimeSpan.FromDays(1));

        var deleted = await service.SweepAsync(TimeSpan.FromDays(1), CancellationToken.None).WaitAsync(Timeouts.Poll);

        Assert.Equal(FinishedInstanceRetentionService.BatchSize + 5, deleted);
        Assert.Equal(0, (await Instances.ListAsync(new InstanceListQuery(new PageRequest())).WaitAsync(Timeouts.Request)).TotalCount);
    }

    [Fact]
    public async Task Timer_ClockPassesAge_DeletesOnNextTick()
    {
        var instanceId = await ExecuteAsync(WriteLineModel("timer-sweep"));
        using var service = CreateService(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));
        var sweeps = Channel.CreateUnbounded<int>();
        service.SweepCompleted += deleted => sweeps.Writer.TryWrite(deleted);

        await service.StartAsync(CancellationToken.None).WaitAsync(Timeouts.Request);
        var atStart = await sweeps.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Poll);
        _clock.Advance(TimeSpan.FromMinutes(10));
        var beforeAge = await sweeps.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Poll);
        var keptBeforeAge = await Instances.FindSummaryAsync(instanceId).WaitAsync(Timeouts.Request);
        _clock.Advance(TimeSpan.FromMinutes(55));
        var afterAge = await sweeps.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Poll);
        await service.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Request);

        Assert.Equal(0, atStart);
        Assert.Equal(0, beforeAge);
        Assert.NotNull(keptBeforeAge);
        Assert.Equal(1, afterAge);
        Assert.Null(await Instances.FindSummaryAsync(instanceId).WaitAsync(Timeouts.Request));
    }

    [Fact]
    public async Task Unset_Age_ServiceEndsWithoutSweeping()
    {
        var instanceId = await ExecuteAsync(WriteLineModel("retention-off"));
        _clock.Advance(TimeSpan.FromDays(365));
        using var service = CreateService(age: null);
        var swept = false;
        service.SweepCompleted += _ => swept = true;

        await service.StartAsync(CancellationToken.None).WaitAsync(Timeouts.Request);
        await service.ExecuteTask!.WaitAsync(Timeouts.Poll);

        Assert.False(swept);
        Assert.NotNull(await Instances.FindSummaryAsync(instanceId).WaitAsync(Timeouts.Request));
    }

    [Theory]
    [InlineData("-1.00:00:00", "01:00:00", "Retention:FinishedInstanceAge is -1.00:00:00")]
    [InlineData("00:00:00", "01:00:00", "Retention:FinishedInstanceAge is 00:00:00")]
    [InlineData("30.00:00:00", "00:00:00", "Retention:SweepInterval is 00:00:00")]
    [InlineData("30.00:00:00", "60.00:00:00", "Retention:SweepInterval is 60.00:00:00")]
    public void Validator_InvalidValue_NamesKeyAndValue(string age, string interval, string expected)
    {
        var options = new RetentionOptions { FinishedInstanceAge = TimeSpan.Parse(age), SweepInterval = TimeSpan.Parse(interval) };

        var result = new RetentionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, $"Age {age} and interval {interval} passed validation.");
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_Unset_Passes()
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private FinishedInstanceRetentionService CreateService(TimeSpan? age, TimeSpan? interval = null) => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new RetentionOptions { FinishedInstanceAge = age, SweepInterval = interval ?? TimeSpan.FromHours(1) }),
        _clock,
        NullLogger<FinishedInstanceRetentionService>.Instance);

    private async Task<string> PublishAsync(JsonObject model)
    {
        var definitions = _services.GetRequiredService<IWorkflowDefinitionService>();
        var saved = await definitions.SaveAsync(model, publish: true, "dave").WaitAsync(Timeouts.Request);
        return saved.Definition.DefinitionId;
    }

    private async Task<string> ExecuteAsync(JsonObject model)
    {
        var definitionId = await PublishAsync(model);
        var instance = await _services.GetRequiredService<IWorkflowRuntime>().ExecuteAsync(new StartWorkflowRequest(definitionId)).WaitAsync(Timeouts.Request);
        return instance.Summary.Id;
    }

    private static JsonObject WriteLineModel(string definitionId) => Model(definitionId, new JsonObject
    {
        ["id"] = "hello",
        ["type"] = "Elsa.WriteLine",
        ["text"] = Literal("hello", "String"),
    });

    private static JsonObject UserTaskModel(string definitionId) => Model(definitionId, new JsonObject
    {
        ["id"] = "approve",
        ["type"] = "ModelEngine.UserTask",
        ["title"] = Literal("Approve", "String"),
        ["candidateGroups"] = Literal("managers", "String[]"),
    });

    private static JsonObject Literal(string value, string typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    private static JsonObject Model(string definitionId, JsonObject activity) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["id"] = "root",
            ["activities"] = new JsonArray(activity),
            ["connections"] = new JsonArray(),
        },
    };
}
