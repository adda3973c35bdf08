using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Scripting.JavaScript;
using ModelEngine.Workflows.Scripting.Liquid;

namespace ModelEngine.Workflows.Scripting;

/// <summary>Registers the JavaScript and Liquid expression evaluators.</summary>
public static class ScriptingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="JavaScriptEvaluator"/> and <see cref="LiquidEvaluator"/> as <see cref="IExpressionEvaluator"/>
    /// singletons, and binds <see cref="JavaScriptOptions"/> to <c>Scripting:JavaScript</c> and
    /// <see cref="LiquidOptions"/> to <c>Scripting:Liquid</c> of <paramref name="configuration"/> when one is given.
    /// The options are validated at host start and on first use, and a negative limit fails with a message that names
    /// its configuration key.
    /// </summary>
    public static IServiceCollection AddModelEngineScripting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        AddValidatedOptions<JavaScriptOptions, JavaScriptOptionsValidator>(services, configuration, JavaScriptOptions.SectionName);
        AddValidatedOptions<LiquidOptions, LiquidOptionsValidator>(services, configuration, LiquidOptions.SectionName);

        services.TryAddSingleton<JavaScriptEvaluator>();
        services.TryAddSingleton<LiquidEvaluator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, JavaScriptEvaluator>(provider => provider.GetRequiredService<JavaScriptEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, LiquidEvaluator>(provider => provider.GetRequiredService<LiquidEvaluator>()));

        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(IServiceCollection services, IConfiguration? configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var optionsBuilder = services.AddOptions<TOptions>();
        if (configuration is not null)
        {
            optionsBuilder.Bind(configuration.GetSection(sectionName));
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
