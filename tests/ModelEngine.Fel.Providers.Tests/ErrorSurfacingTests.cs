using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.AI;
using ModelEngine.Fel.Providers.Tests.Infrastructure;

namespace ModelEngine.Fel.Providers.Tests;

/// <summary>Provider errors reach the caller as <see cref="FelModelException"/> with the provider's own message.</summary>
public sealed class ErrorSurfacingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OpenAIJsonError_MessageVerbatim()
    {
        const string providerMessage = "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens.";
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(400, OpenAIPayloads.Error(providerMessage));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));

        Assert.Equal(providerMessage, error.ProviderMessage);
        Assert.Contains(providerMessage, error.Message, StringComparison.Ordinal);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("test", error.ModelName);
        Assert.Equal("OpenAI", error.Provider);
        Assert.DoesNotContain(ModelHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAIJsonError_WhileStreaming()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(404, OpenAIPayloads.Error("The model `gpt-5-mini` does not exist.", "invalid_request_error"));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => DrainAsync(harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Hi")).WaitAsync(s_timeout));

        Assert.Equal("The model `gpt-5-mini` does not exist.", error.ProviderMessage);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains("Fel:Models:test:Model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlErrorPage_ShownAsText()
    {
        const string page = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
        await using var harness = await ModelHarness.StartAsync(("MaxRetries", "0"));
        harness.Server.EnqueueResponse(502, page, "text/html");

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal(page, error.ProviderMessage);
        Assert.Contains("<h1>502 Bad Gateway</h1>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBody_SaysSo()
    {
        await using var harness = await ModelHarness.StartAsync(("MaxRetries", "0"));
        harness.Server.EnqueueResponse(500, "");

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal("(the response body was empty)", error.ProviderMessage);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonWithoutErrorField_ShownAsText()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(422, """{"object":"error","kind":"validation"}""");

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("""{"object":"error","kind":"validation"}""", error.ProviderMessage);
    }

    [Fact]
    public async Task MalformedStreamChunk_IsModelException()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueStream("text/event-stream",
            [OpenAIPayloads.TextChunk("Hel"), "data: {\"choices\":[{\"delta\":{\"content\":\"lo\"\n\n", OpenAIPayloads.Done]);

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => DrainAsync(harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Hi")).WaitAsync(s_timeout));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal("test", error.ModelName);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task TruncatedStream_IsModelException()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueStream("text/event-stream", [OpenAIPayloads.TextChunk("one "), OpenAIPayloads.TextChunk("two ")]);
        var received = new List<string>();

        async Task ReadAsync()
        {
            await foreach (var update in harness.Catalog.GetChatClient("test").GetStreamingResponseAsync("Hi"))
            {
                received.Add(update.Text);
            }
        }

        var error = await ModelHarness.ThrowsModelErrorAsync(() => ReadAsync().WaitAsync(s_timeout));

        Assert.Equal(["one ", "two "], received);
        Assert.Contains("without a finish reason", error.Message, StringComparison.Ordinal);
        Assert.Equal("test", error.ModelName);
    }

    [Fact]
    public async Task MalformedCompletion_IsModelException()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"message\":");

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoedKey_IsRedacted()
    {
        await using var harness = await ModelHarness.StartAsync();
        harness.Server.EnqueueResponse(401, OpenAIPayloads.Error($"Incorrect API key provided: {ModelHarness.ApiKey}.", "invalid_api_key"));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));

        Assert.Equal("Incorrect API key provided: [redacted].", error.ProviderMessage);
        Assert.DoesNotContain(ModelHarness.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Fel:Models:test:ApiKey", error.Message, StringComparison.Ordinal);
        harness.AssertNoKeyLogged();
    }

    [Fact]
    public async Task UnreachableServer_IsModelException()
    {
        // A socket bound but never listening refuses connections, and it keeps the port so that no server started
        // in parallel by another test can take it while this one runs.
        using var closedPort = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closedPort.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = new Uri($"http://{closedPort.LocalEndPoint}/");
        await using var harness = await ModelHarness.StartAsync(("MaxRetries", "1"), ("Endpoint", new Uri(address, "v1").ToString()));

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.AdvanceUntilDoneAsync(harness.Catalog.GetChatClient("test").GetResponseAsync("Hi"), TimeSpan.FromMilliseconds(250)));

        Assert.Null(error.StatusCode);
        Assert.Contains(address.Authority, error.Message, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.EventId == 7202);
    }

    [Fact]
    public async Task SlowServer_TimesOut()
    {
        // HttpClient's timeout runs on real time, so the test uses a short one.
        await using var harness = await ModelHarness.StartAsync(("Timeout", "00:00:00.500"), ("MaxRetries", "0"));
        var release = new TaskCompletionSource();
        harness.Server.Enqueue(async (context, _) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, OpenAIPayloads.Completion("too late"));
        });

        var error = await ModelHarness.ThrowsModelErrorAsync(
            () => harness.Catalog.GetChatClient("test").GetResponseAsync("Hi").WaitAsync(s_timeout));
        release.SetResult();

        Assert.Contains("did not start to answer within 00:00:00.5000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("Fel:Models:test:Timeout", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task CallerCancellation_StaysCancellation()
    {
        await using var harness = await ModelHarness.StartAsync();
        var release = new TaskCompletionSource();
        harness.Server.Enqueue(async (context, _) =>
        {
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, OpenAIPayloads.Completion("too late"));
        });
        using var cancellation = new CancellationTokenSource();

        var call = harness.Catalog.GetChatClient("test").GetResponseAsync("Hi", cancellationToken: cancellation.Token);
        var deadline = DateTime.UtcNow + s_timeout;
        while (harness.Server.Requests.Count == 0 && !call.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.WhenAny(call, Task.Delay(TimeSpan.FromMilliseconds(5)));
        }

        Assert.Single(harness.Server.Requests);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_timeout));
        release.SetResult();
    }

    private static async Task DrainAsync(IAsyncEnumerable<ChatResponseUpdate> updates)
    {
        await foreach (var update in updates)
        {
            _ = update;
        }
    }
}
