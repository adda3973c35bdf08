using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelEngine.Server.HttpWorkflows;

namespace ModelEngine.Server.Tests.HttpWorkflows;

/// <summary>A failure while a workflow's response is written becomes a logged 502, or a logged abort once it started.</summary>
public sealed class LoggedWorkflowResultTests
{
    [Fact]
    public async Task Execute_FailsBeforeStart_Returns502AndLogs()
    {
        var logger = new RecordingLogger();
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Response.Headers["X-Partial"] = "set";
        var result = new HttpWorkflowHandler.LoggedWorkflowResult(new ThrowingResult(), "instance-1", logger);

        await result.ExecuteAsync(context).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StatusCodes.Status502BadGateway, context.Response.StatusCode);
        Assert.Equal("instance-1", context.Response.Headers["X-Workflow-Instance-Id"].ToString());
        Assert.False(context.Response.Headers.ContainsKey("X-Partial"));
        context.Response.Body.Position = 0;
        var problem = JsonNode.Parse(context.Response.Body)!;
        Assert.Equal("instance-1", problem["workflowInstanceId"]?.GetValue<string>());
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Contains("instance-1", entry.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task Execute_FailsAfterStart_RethrowsAndLogs()
    {
        var logger = new RecordingLogger();
        var context = new DefaultHttpContext();
        var started = new StartedResponseFeature();
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(started);
        var result = new HttpWorkflowHandler.LoggedWorkflowResult(new ThrowingResult(), "instance-2", logger);

        await Assert.ThrowsAsync<InvalidOperationException>(() => result.ExecuteAsync(context).WaitAsync(TimeSpan.FromSeconds(10)));

        var entry = Assert.Single(logger.Entries);
        Assert.Contains("instance-2", entry.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => throw new InvalidOperationException("Invalid control character in header.");
    }

    private sealed class StartedResponseFeature : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
