using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Scripting.Caching;

namespace ModelEngine.Workflows.Scripting.Liquid;

/// <summary>
/// Renders <c>Liquid</c> expressions with Fluid. Templates see <c>Variables.X</c>, <c>Input.X</c>,
/// <c>Workflow.InstanceId</c>, <c>Workflow.CorrelationId</c>, <c>Workflow.DefinitionId</c> and <c>LastResult</c>, and
/// the result is the rendered text without HTML encoding.
/// </summary>
/// <remarks>Parsed templates are cached by source text.</remarks>
public sealed class LiquidEvaluator : IExpressionEvaluator
{
    private const int TemplateCacheCapacity = 10_000;

    private static readonly FluidParser s_parser = new();
    private static readonly TemplateOptions s_templateOptions = new TemplateOptionsBuilder().Build();

    private readonly SourceCache<ParsedTemplate> _templates = new(TemplateCacheCapacity);

    /// <inheritdoc/>
    public string ExpressionType => ExpressionTypes.Liquid;

    /// <inheritdoc/>
    public async ValueTask<object?> EvaluateAsync(
        Expression expression,
        Type returnType,
        ExpressionExecutionContext context,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();

        var source = expression.ValueAsText();
        if (source is null)
        {
            return null;
        }

        var parsed = _templates.GetOrAdd(source, Parse);
        if (parsed.Template is not { } template)
        {
            throw new ExpressionEvaluationException($"The Liquid template has a syntax error: {parsed.SyntaxError}");
        }

        // NOTE: templates run without a step or time limit. A loop over a huge range stops only when the caller's
        // cancellation token fires.
        var templateContext = CreateTemplateContext(context, cancellationToken);

        try
        {
            return await template.RenderAsync(templateContext, NullEncoder.Default, isolateContext: false).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            throw new ExpressionEvaluationException($"The Liquid template failed to render: {exception.Message}", innerException: exception);
        }
    }

    /// <inheritdoc/>
    public string? Validate(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);

        var source = expression.ValueAsText();
        return source is null ? null : _templates.GetOrAdd(source, Parse).SyntaxError;
    }

    private static TemplateContext CreateTemplateContext(ExpressionExecutionContext context, CancellationToken cancellationToken)
    {
        var templateContext = new TemplateContext(s_templateOptions, StringComparer.Ordinal)
        {
            CancellationToken = cancellationToken,
        };

        templateContext.SetValue("Variables", new ScopeLookupValue(name => context.TryGetVariable(name, out var value) ? value : null));
        templateContext.SetValue("Input", new ScopeLookupValue(name => context.Input.TryGetValue(name, out var value) ? value : null));
        templateContext.SetValue("LastResult", FluidValue.Create(context.LastResult, s_templateOptions));
        templateContext.SetValue("Workflow", FluidValue.Create(
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["InstanceId"] = context.WorkflowInstanceId,
                ["CorrelationId"] = context.CorrelationId,
                ["DefinitionId"] = context.DefinitionId,
            },
            s_templateOptions));

        return templateContext;
    }

    private static ParsedTemplate Parse(string source) =>
        s_parser.TryParse(source, out var template, out var error)
            ? new ParsedTemplate(template, null)
            : new ParsedTemplate(null, error.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')[0]);

    /// <summary>A parsed template, or the parser's message when the source does not parse.</summary>
    private sealed record ParsedTemplate(IFluidTemplate? Template, string? SyntaxError);
}
