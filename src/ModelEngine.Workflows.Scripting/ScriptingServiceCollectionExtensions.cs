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
    /// singletons and binds <see cref="JavaScriptOptions"/> to <c>Scripting:JavaScript</c> of
    /// <paramref name="configuration"/> when one is given. The options are validated at host start and on first use,
    /// and a negative limit fails with a message that names its configuration key.
    /// </summary>
    public static IServiceCollection AddModelEngineScripting(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var optionsBuilder = services.AddOptions<JavaScriptOptions>();
        if (configuration is not null)
        {
            optionsBuilder.Bind(configuration.GetSection(JavaScriptOptions.SectionName));
        }

        optionsBuilder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JavaScriptOptions>, JavaScriptOptionsValidator>());

        services.TryAddSingleton<JavaScriptEvaluator>();
        services.TryAddSingleton<LiquidEvaluator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, JavaScriptEvaluator>(provider => provider.GetRequiredService<JavaScriptEvaluator>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExpressionEvaluator, LiquidEvaluator>(provider => provider.GetRequiredService<LiquidEvaluator>()));

        return services;
    }
}
