using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Interop;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Scripting.Caching;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>
/// Evaluates <c>JavaScript</c> expressions with Jint in a sandbox that has no CLR access and enforces the limits of
/// <see cref="JavaScriptOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Each evaluation runs in a new engine, so no global state leaks from one workflow instance to another. Parsed scripts
/// are cached by source text. Scripts see <c>variables</c> (copied in, and written back after a successful run),
/// <c>input</c>, <c>getVariable</c>, <c>setVariable</c>, <c>getInput</c>, generated <c>getX()</c>/<c>setX(v)</c>
/// accessors for variables and <c>getX()</c> for workflow inputs (a variable wins over an input of the same name),
/// <c>getLastResult</c>, <c>getOutputFrom</c>, <c>getWorkflowInstanceId</c>, <c>getCorrelationId</c>,
/// <c>isNullOrEmpty</c>, <c>isNullOrWhiteSpace</c>, <c>toJson</c>, <c>parseJson</c> and <c>newGuid</c>.
/// </para>
/// <para>
/// The result is the script's completion value converted to a <see cref="JsonNode"/> with <c>JSON.stringify</c>
/// semantics, or <see langword="null"/>.
/// </para>
/// </remarks>
public sealed class JavaScriptEvaluator : IExpressionEvaluator
{
    private const int ScriptCacheCapacity = 10_000;
    private const long BytesPerMegabyte = 1024 * 1024;

    private readonly JavaScriptOptions _options;
    private readonly TimeSpan _timeout;
    private readonly long _memoryLimitBytes;
    private readonly SourceCache<PreparedJavaScript> _scripts = new(ScriptCacheCapacity);

    public JavaScriptEvaluator(IOptions<JavaScriptOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        _options = options.Value;
        _timeout = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        _memoryLimitBytes = _options.MemoryLimitMegabytes * BytesPerMegabyte;
    }

    /// <inheritdoc/>
    public string ExpressionType => ExpressionTypes.JavaScript;

    /// <summary>The number of parsed scripts in the cache.</summary>
    internal int CachedScriptCount => _scripts.Count;

    /// <inheritdoc/>
    public ValueTask<object?> EvaluateAsync(
        Expression expression,
        Type returnType,
        ExpressionExecutionContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<object?>(cancellationToken);
        }

        var source = expression.ValueAsText();
        if (string.IsNullOrWhiteSpace(source))
        {
            return ValueTask.FromResult<object?>(null);
        }

        var prepared = _scripts.GetOrAdd(source, PreparedJavaScript.Prepare);
        if (prepared.Script is not { } script)
        {
            return ValueTask.FromException<object?>(
                new ExpressionEvaluationException($"The script has a syntax error: {prepared.SyntaxError}"));
        }

        // Jint runs synchronously, so the result or failure is known when Evaluate returns. Failures are returned in
        // the ValueTask, as an async method would return them.
        try
        {
            return ValueTask.FromResult<object?>(Evaluate(script, prepared, context, cancellationToken));
        }
        catch (ExpressionEvaluationException exception)
        {
            return ValueTask.FromException<object?>(exception);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<object?>(cancellationToken);
        }
    }

    /// <inheritdoc/>
    public string? Validate(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        var source = expression.ValueAsText();
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        return _scripts.GetOrAdd(source, PreparedJavaScript.Prepare).SyntaxError;
    }

    private JsonNode? Evaluate(
        Prepared<Acornima.Ast.Script> script,
        PreparedJavaScript prepared,
        ExpressionExecutionContext context,
        CancellationToken cancellationToken)
    {
        var engine = new Engine(options => ConfigureEngine(options, cancellationToken));
        var host = new ScriptHost(engine, context);
        host.Install(prepared);

        try
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var completion = engine.Evaluate(script);

            // Jint checks memory only between statements, so a last statement that allocated past the limit is caught here.
            if (_memoryLimitBytes > 0 && GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _memoryLimitBytes)
            {
                throw MemoryLimitExceeded(innerException: null);
            }

            if (!host.HasVariablesObject && JsonBridge.IsPrimitive(completion))
            {
                return JsonBridge.ToJsonNode(engine, completion);
            }

            var reader = new PlainValueReader(engine);
            if (host.TryCopyVariablesBackDirectly(reader) && reader.TryRead(completion, out var plainResult))
            {
                return plainResult;
            }

            // Serializing other objects can call script code (toJSON, getters, proxy traps), so it runs through Invoke,
            // which applies the constraints again with a fresh budget.
            JsonNode? result = null;
            var finish = new ClrFunction(engine, "finish", (_, arguments) =>
            {
                host.CopyVariablesBack();
                result = JsonBridge.ToJsonNode(engine, arguments.At(0));
                return JsValue.Undefined;
            });
            engine.Invoke(finish, completion);

            return result;
        }
        catch (ExecutionCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The script evaluation was canceled.", cancellationToken);
        }
        catch (RegexMatchTimeoutException exception)
        {
            throw LimitExceeded(
                nameof(JavaScriptOptions.TimeoutSeconds),
                $"A regular expression in the script ran longer than the {FormatSeconds(_options.TimeoutSeconds)} s limit",
                exception);
        }
        catch (TimeoutException exception)
        {
            throw LimitExceeded(
                nameof(JavaScriptOptions.TimeoutSeconds),
                $"The script ran longer than the {FormatSeconds(_options.TimeoutSeconds)} s limit",
                exception);
        }
        catch (StatementsCountOverflowException exception)
        {
            throw LimitExceeded(
                nameof(JavaScriptOptions.MaxStatements),
                $"The script executed more than the {_options.MaxStatements} statement limit",
                exception);
        }
        catch (RecursionDepthOverflowException exception)
        {
            throw LimitExceeded(
                nameof(JavaScriptOptions.MaxRecursionDepth),
                $"The script nested function calls deeper than the {_options.MaxRecursionDepth} call limit",
                exception);
        }
        catch (MemoryLimitExceededException exception)
        {
            throw MemoryLimitExceeded(exception);
        }
        catch (JavaScriptException exception)
        {
            throw new ExpressionEvaluationException(DescribeScriptError(engine, exception), innerException: exception);
        }
        catch (JintException exception)
        {
            throw new ExpressionEvaluationException($"The script failed: {exception.Message}", innerException: exception);
        }
    }

    private void ConfigureEngine(Jint.Options options, CancellationToken cancellationToken)
    {
        // A call chain that would overflow the .NET stack becomes a JavaScript RangeError instead of ending the process.
        options.Constraints.StackOverflowGuard = true;

        if (_timeout > TimeSpan.Zero)
        {
            options.TimeoutInterval(_timeout);
            options.Constraints.RegexTimeout = _timeout;
        }

        if (_options.MaxStatements > 0)
        {
            options.MaxStatements(_options.MaxStatements);
        }

        if (_options.MaxRecursionDepth > 0)
        {
            options.LimitRecursion(_options.MaxRecursionDepth);
        }

        if (_memoryLimitBytes > 0)
        {
            options.LimitMemory(_memoryLimitBytes);
        }

        if (cancellationToken.CanBeCanceled)
        {
            options.CancellationToken(cancellationToken);
        }
    }

    private ExpressionEvaluationException MemoryLimitExceeded(Exception? innerException) =>
        LimitExceeded(
            nameof(JavaScriptOptions.MemoryLimitMegabytes),
            $"The script allocated more than the {_options.MemoryLimitMegabytes} MB limit",
            innerException);

    private static ExpressionEvaluationException LimitExceeded(string limit, string description, Exception? innerException) =>
        new($"{description} ({JavaScriptOptions.SectionName}:{limit}).", limit, innerException);

    private static string FormatSeconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Describes a script error as "The script failed at line L, column C: TypeError: message".</summary>
    private static string DescribeScriptError(Engine engine, JavaScriptException exception)
    {
        var description = ConvertThrownValueToString(engine, exception.Error);

        var start = exception.Location.Start;
        return start.Line > 0
            ? $"The script failed at line {start.Line}, column {start.Column + 1}: {description}"
            : $"The script failed: {description}";
    }

    /// <summary>
    /// Returns <c>String(value)</c>. A thrown object's <c>toString</c> is script code, so it runs through
    /// <see cref="Engine.Invoke(JsValue, object?[])"/>, under the same limits as the script.
    /// </summary>
    private static string ConvertThrownValueToString(Engine engine, JsValue value)
    {
        if (value.IsString())
        {
            return value.AsString();
        }

        try
        {
            string? text = null;
            var convert = new ClrFunction(engine, "describe", (_, arguments) =>
            {
                text = TypeConverter.ToString(arguments.At(0));
                return JsValue.Undefined;
            });
            engine.Invoke(convert, value);
            return text ?? "a value without a description was thrown";
        }
        catch (Exception exception) when (exception is JintException or JavaScriptException or TimeoutException)
        {
            // The thrown value's toString failed or hit a limit. The original error matters more than this one.
            return "a value whose toString failed was thrown";
        }
    }
}
