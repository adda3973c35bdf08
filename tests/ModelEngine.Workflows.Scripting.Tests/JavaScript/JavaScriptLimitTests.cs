using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Scripting.JavaScript;
using static ModelEngine.Workflows.Scripting.Tests.TestEvaluation;

namespace ModelEngine.Workflows.Scripting.Tests.JavaScript;

public sealed class JavaScriptLimitTests
{
    [Fact]
    public async Task Timeout_InfiniteLoop_ThrowsTimeoutLimit()
    {
        var evaluator = Create(new JavaScriptOptions { TimeoutSeconds = 1 });

        var exception = await EvaluateFailureAsync(evaluator, "while (true) {}");

        Assert.Equal("TimeoutSeconds", exception.Limit);
        Assert.Equal("The script ran longer than the 1 s limit (Scripting:JavaScript:TimeoutSeconds).", exception.Message);
    }

    [Fact]
    public async Task Timeout_LoopInsideTryCatch_CannotBeCaught()
    {
        var evaluator = Create(new JavaScriptOptions { TimeoutSeconds = 0.5 });

        var exception = await EvaluateFailureAsync(evaluator, "for (;;) { try { while (true) {} } catch (e) {} }");

        Assert.Equal("TimeoutSeconds", exception.Limit);
        Assert.Contains("0.5 s limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeout_LoopInResultToJson_Fires()
    {
        var evaluator = Create(new JavaScriptOptions { TimeoutSeconds = 0.5 });

        var exception = await EvaluateFailureAsync(evaluator, "({ toJSON() { while (true) {} } })");

        Assert.Equal("TimeoutSeconds", exception.Limit);
    }

    [Fact]
    public async Task Timeout_BacktrackingRegex_ThrowsTimeoutLimit()
    {
        var evaluator = Create(new JavaScriptOptions { TimeoutSeconds = 0.5 });

        var exception = await EvaluateFailureAsync(evaluator, "/(a+)+$/.test('a'.repeat(40) + 'b')");

        Assert.Equal("TimeoutSeconds", exception.Limit);
        Assert.Equal(
            "A regular expression in the script ran longer than the 0.5 s limit (Scripting:JavaScript:TimeoutSeconds).",
            exception.Message);
    }

    [Fact]
    public async Task MaxStatements_EndlessLoop_ThrowsStatementLimit()
    {
        var evaluator = Create(new JavaScriptOptions { MaxStatements = 100 });

        var exception = await EvaluateFailureAsync(evaluator, "var i = 0; for (;;) { i++; }");

        Assert.Equal("MaxStatements", exception.Limit);
        Assert.Equal("The script executed more than the 100 statement limit (Scripting:JavaScript:MaxStatements).", exception.Message);
    }

    [Fact]
    public async Task MaxStatements_ShortScript_Succeeds()
    {
        var evaluator = Create(new JavaScriptOptions { MaxStatements = 100 });

        var result = await EvaluateAsync(evaluator, "var total = 0; for (var i = 0; i < 10; i++) { total += i; } total");

        Assert.Equal(45, result!.GetValue<long>());
    }

    [Fact]
    public async Task MaxRecursionDepth_RecursiveFunction_ThrowsRecursionLimit()
    {
        var evaluator = Create(new JavaScriptOptions { MaxRecursionDepth = 20 });

        var exception = await EvaluateFailureAsync(evaluator, "function down(n) { return down(n + 1); } down(0)");

        Assert.Equal("MaxRecursionDepth", exception.Limit);
        Assert.Equal("The script nested function calls deeper than the 20 call limit (Scripting:JavaScript:MaxRecursionDepth).", exception.Message);
    }

    [Fact]
    public async Task MaxRecursionDepth_Off_ThrowsRangeError()
    {
        var evaluator = Create(new JavaScriptOptions { MaxRecursionDepth = 0 });

        var exception = await EvaluateFailureAsync(evaluator, "function down(n) { return 1 + down(n + 1); } down(0)");

        Assert.Null(exception.Limit);
        Assert.Contains("RangeError", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemoryLimit_GrowingArray_ThrowsMemoryLimit()
    {
        var evaluator = Create(new JavaScriptOptions { MemoryLimitMegabytes = 4 });

        var exception = await EvaluateFailureAsync(evaluator, "var items = []; while (true) { items.push('item ' + items.length); }");

        Assert.Equal("MemoryLimitMegabytes", exception.Limit);
        Assert.Equal("The script allocated more than the 4 MB limit (Scripting:JavaScript:MemoryLimitMegabytes).", exception.Message);
    }

    [Fact]
    public async Task MemoryLimit_GrowingString_ThrowsMemoryLimit()
    {
        var evaluator = Create(new JavaScriptOptions { MemoryLimitMegabytes = 4 });

        var exception = await EvaluateFailureAsync(evaluator, "var text = 'x'; while (true) { text += text; }");

        Assert.Equal("MemoryLimitMegabytes", exception.Limit);
    }

    [Fact]
    public async Task MemoryLimit_SingleLargeAllocation_ThrowsMemoryLimit()
    {
        var evaluator = Create(new JavaScriptOptions { MemoryLimitMegabytes = 4 });

        var exception = await EvaluateFailureAsync(evaluator, "'x'.repeat(8 * 1024 * 1024).length");

        Assert.Equal("MemoryLimitMegabytes", exception.Limit);
    }

    [Fact]
    public async Task Cancellation_RunningScript_ThrowsOperationCanceled()
    {
        var evaluator = Create(new JavaScriptOptions { TimeoutSeconds = 0 });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => EvaluateAsync(evaluator, "while (true) {}", cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Cancellation_AlreadyCanceled_DoesNotRun()
    {
        var evaluator = Create(new JavaScriptOptions());
        var scope = new FakeExpressionScope();
        var expression = new Expression(ExpressionTypes.JavaScript, "setVariable('Ran', true)");

        var evaluation = evaluator.EvaluateAsync(expression, typeof(object), scope.CreateContext(), new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => evaluation.AsTask().WaitAsync(WaitTimeout));
        Assert.Empty(scope.Writes);
    }

    private static JavaScriptEvaluator Create(JavaScriptOptions options) => new(Options.Create(options));
}
