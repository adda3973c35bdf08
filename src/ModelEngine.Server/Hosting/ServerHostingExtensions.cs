using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelEngine.HumanTasks;
using ModelEngine.Server.Auditing;
using ModelEngine.Messaging;
using ModelEngine.Persistence.EntityFrameworkCore;
using ModelEngine.Server.Endpoints;
using ModelEngine.Server.HttpWorkflows;
using ModelEngine.Server.Idempotency;
using ModelEngine.Server.Notifications;
using ModelEngine.Server.Identity;
using ModelEngine.Server.Problems;
using ModelEngine.Server.Scheduling;
using ModelEngine.Waterflow.Workflows;
using ModelEngine.Workflows;
using ModelEngine.Workflows.Activities.Http;
using ModelEngine.Workflows.Management;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Runtime.Leases;
using ModelEngine.Workflows.Scripting;
using ModelEngine.Workflows.Serialization;

using ModelEngine.Studio.Hosting;

namespace ModelEngine.Server.Hosting;

/// <summary>Composes the server: the engine modules, persistence, background execution, timers, identity and the API.</summary>
internal static class ServerHostingExtensions
{
    public static WebApplicationBuilder AddModelEngineServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // For SQLite, a relative path is taken from the current directory, as Microsoft.Data.Sqlite itself does. `dotnet
        // run` starts the server in its project folder, so the default file is src/ModelEngine.Server/data/modelengine.db.
        var database = ServerDatabase.Resolve(configuration, Directory.GetCurrentDirectory());
        var persistenceOptions = configuration.GetSection(PersistenceOptions.SectionName).Get<PersistenceOptions>() ?? new PersistenceOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.AddModelEngineWorkflows();
        services.AddModelEngineHumanTasks();
        services.AddOptions<HumanTasks.Calendars.HumanTaskCalendarOptions>().Bind(configuration.GetSection(HumanTasks.Calendars.HumanTaskCalendarOptions.SectionName)).ValidateOnStart();
        services.AddModelEngineWaterflow();
        services.AddServerFit(configuration);
        services.AddServerFel(configuration);
        services.AddModelEngineScripting(configuration);
        services.AddModelEngineEntityFrameworkCore(database.Provider, database.ConnectionString, sqlite =>
        {
            sqlite.BusyTimeout = persistenceOptions.Sqlite.BusyTimeout;
            sqlite.Synchronous = persistenceOptions.Sqlite.Synchronous;
        });
        services.AddSingleton(database);
        services.AddServerFelKnowledgeStore(configuration, database.Provider);

        // Background execution. The hosted services start one after another in this order, so the database is
        // migrated before the workers, the timer sweep and Hangfire touch it.
        services.Configure<ExecutionOptions>(configuration.GetSection(ExecutionOptions.SectionName));
        services.Configure<WorkflowLeaseOptions>(configuration.GetSection(ExecutionOptions.SectionName));
        services.Configure<PersistenceStartupOptions>(configuration.GetSection(PersistenceStartupOptions.SectionName));
        services.Configure<HumanTasks.Inbox.HumanTaskOptions>(configuration.GetSection("HumanTasks"));
        services.AddSingleton<WorkflowWorkQueue>();
        services.RemoveAll<IWorkflowWorkQueue>();
        services.AddSingleton<IWorkflowWorkQueue>(provider => provider.GetRequiredService<WorkflowWorkQueue>());
        services.AddSingleton<StartupReadinessHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<StartupReadinessHealthCheck>("startup", tags: [StartupReadinessHealthCheck.Tag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [StartupReadinessHealthCheck.Tag]);
        services.AddHostedService<DatabaseStartupService>();
        services.AddHostedService<WorkflowWorkerService>();
        services.AddHostedService<ChildWorkflowSweepService>();
        services.AddHostedService<WorkflowRecoveryService>();

        // The bus, the outbox relay and the consumers start after the database is migrated. With Transport=RabbitMq the
        // work queue above is wrapped, so that any node runs the Pending instances that this node commits.
        var executionOptions = configuration.GetSection(ExecutionOptions.SectionName).Get<ExecutionOptions>() ?? new ExecutionOptions();
        services.AddModelEngineMessaging(
            configuration, StartupReadinessHealthCheck.Tag, Math.Max(1, executionOptions.WorkerCount), NotificationServiceCollectionExtensions.AddTaskNotificationConsumers);
        services.AddTaskNotifications(configuration);
        services.AddServerTelemetry();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddHostedService<FinishedInstanceRetentionService>();

        services.RemoveAll<IDurableTimerScheduler>();
        services.AddServerScheduling(configuration, database);

        // Idempotency keys and the workflows served under /workflows/.
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.SectionName))
            .Validate(options => options.Retention > TimeSpan.Zero && options.SweepInterval > TimeSpan.Zero && options.InProgressWait >= TimeSpan.Zero,
                "Idempotency:Retention and Idempotency:SweepInterval must be positive, and Idempotency:InProgressWait must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<IdempotencyGate>();
        services.AddHostedService<IdempotencyCleanupService>();
        services.AddOptions<HttpWorkflowOptions>().Bind(configuration.GetSection(HttpWorkflowOptions.SectionName))
            .Validate(options => options.ResponseTimeout > TimeSpan.Zero && options.MaxRequestBodySize > 0,
                "HttpWorkflows:ResponseTimeout and HttpWorkflows:MaxRequestBodySize must be positive.")
            .ValidateOnStart();
        services.AddSingleton<HttpResponseWaiters>();
        services.AddSingleton<IHttpResponseSink>(provider => provider.GetRequiredService<HttpResponseWaiters>());
        services.AddSingleton<IWorkflowCommitObserver>(provider => provider.GetRequiredService<HttpResponseWaiters>());
        services.AddSingleton<HttpWorkflowRouter>();
        services.AddSingleton<HttpWorkflowHandler>();
        services.AddSingleton<HttpTriggerPublicationHandler>();
        services.AddSingleton<IWorkflowPublicationHandler>(provider => provider.GetRequiredService<HttpTriggerPublicationHandler>());
        services.AddHostedService<HttpTriggerStartupSync>();

        services.AddServerIdentity(configuration);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.AddScoped<InstanceAccess>();
        services.AddSingleton<AuditTrail>();

        services.ConfigureHttpJsonOptions(options => ConfigureJson(options));
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = ProblemTraceId.Get(context.HttpContext);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        if (IsStudioEnabled(configuration))
        {
            builder.WebHost.UseModelEngineStudioStaticWebAssets();
            services.AddModelEngineStudio(configuration);
        }

        return builder;
    }

    public static WebApplication UseModelEngineServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        if (IsStudioEnabled(app.Configuration))
        {
            // The studio is a client of this API: its branch serves pages under Studio:PathBase and calls /api over HTTP.
            app.UseModelEngineStudio();
        }

        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseServerScheduling();

        app.MapOpenApi().AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(StartupReadinessHealthCheck.Tag),

            // MassTransit reports a bus that lost its broker and is reconnecting as Degraded. The node cannot hand work
            // to other nodes then, so a load balancer must take it out of rotation.
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        app.MapModelEngineApi();
        app.MapHttpWorkflowEndpoints();
        app.MapTaskHub();
        return app;
    }

    private static bool IsStudioEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{StudioOptions.SectionName}:{nameof(StudioOptions.Enabled)}", defaultValue: true);

    private static void ConfigureJson(JsonOptions options)
    {
        WorkflowJson.Configure(options.SerializerOptions);
        options.SerializerOptions.Converters.Add(new UtcDateTimeOffsetJsonConverter());

        // Request bodies are untrusted: an object with a repeated key is malformed input, not a server error.
        options.SerializerOptions.Converters.Add(new StrictJsonNodeConverter<JsonObject>());
        options.SerializerOptions.Converters.Add(new StrictJsonNodeConverter<JsonArray>());
        options.SerializerOptions.Converters.Add(new StrictJsonNodeConverter<JsonNode>());
    }
}
