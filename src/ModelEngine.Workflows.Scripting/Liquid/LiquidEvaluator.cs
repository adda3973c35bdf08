using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Scripting.Caching;

namespace ModelEngine.Workflows.Scripting.Liquid;

/// <summary>
/// Renders <c>Liquid</c> expressions with Fluid. Templates see <c>Variables.X</c>, <c>Input.X</c>,
/// <c>Workflow.InstanceId</c>, <c>Workflow.CorrelationId</c>, <c>Workflow.DefinitionId</c> and <c>LastResult</c>, and
/// the result is the rendered text without HTML encoding.
/// </summary>
/// <remarks>Parsed templates are cached by source text. Rendering is bounded by <see cref="LiquidOptions"/>.</remarks>
public sealed class LiquidEvaluator : IExpressionEvaluator
{
    private const int TemplateCacheCapacity = 10_000;

    private static readonly FluidParser s_parser = new();

    private readonly LiquidOptions _options;
    private readonly TemplateOptions _templateOptions;
    private readonly SourceCache<ParsedTemplate> _templates = new(TemplateCacheCapacity);

    public LiquidEvaluator(IOptions<LiquidOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        _options = options.Value;
        _templateOptions = new TemplateOptionsBuilder()
            .WithMaxSteps(_options.MaxSteps)
            .WithMaxOutputSize(_options.MaxOutputSize)
            .Build();
    }

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

        var templateContext = CreateTemplateContext(context, cancellationToken);

        try
        {
            return await template.RenderAsync(templateContext, NullEncoder.Default, isolateContext: false).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (InvalidOperationException exception) when (DescribeLimit(exception) is { } limit)
        {
            throw new ExpressionEvaluationException(
                $"{limit.Description} ({LiquidOptions.SectionName}:{limit.Name}).",
                limit.Name,
                exception);
        }
        catch (Exception exception) when (exception is LiquidException or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
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

    private TemplateContext CreateTemplateContext(ExpressionExecutionContext context, CancellationToken cancellationToken)
    {
        var templateContext = new TemplateContext(_templateOptions, StringComparer.Ordinal)
        {
            CancellationToken = cancellationToken,
        };

        templateContext.SetValue("Variables", new ScopeLookupValue(name => context.TryGetVariable(name, out var value) ? value : null));
        templateContext.SetValue("Input", new ScopeLookupValue(name => context.Input.TryGetValue(name, out var value) ? value : null));
        templateContext.SetValue("LastResult", FluidValue.Create(context.LastResult, _templateOptions));
        templateContext.SetValue("Workflow", FluidValue.Create(
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["InstanceId"] = context.WorkflowInstanceId,
                ["CorrelationId"] = context.CorrelationId,
                ["DefinitionId"] = context.DefinitionId,
            },
            _templateOptions));

        return templateContext;
    }

    /// <summary>Returns the limit that <paramref name="exception"/> reports, or <see langword="null"/> for other failures.</summary>
    private (string Name, string Description)? DescribeLimit(InvalidOperationException exception)
    {
        // Fluid 3.0 throws InvalidOperationException for both limits, so only the message distinguishes them.
        if (_options.MaxSteps > 0 && exception.Message.Contains("steps", StringComparison.Ordinal))
        {
            return (nameof(LiquidOptions.MaxSteps), $"The template took more than the {_options.MaxSteps} step limit");
        }

        if (_options.MaxOutputSize > 0 && exception.Message.Contains("output size", StringComparison.Ordinal))
        {
            return (nameof(LiquidOptions.MaxOutputSize), $"The template rendered more than the {_options.MaxOutputSize} character limit");
        }

        return null;
    }

    private static ParsedTemplate Parse(string source) =>
        s_parser.TryParse(source, out var template, out var error)
            ? new ParsedTemplate(template, null)
            : new ParsedTemplate(null, error.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')[0]);

    /// <summary>A parsed template, or the parser's message when the source does not parse.</summary>
    private sealed record ParsedTemplate(IFluidTemplate? Template, string? SyntaxError);
}
