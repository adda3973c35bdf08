namespace ModelEngine.Server.Endpoints;

/// <summary>Maps every <c>/api</c> endpoint. All of them need an authenticated caller except login.</summary>
internal static class ApiEndpoints
{
    public static WebApplication MapModelEngineApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapIdentityEndpoints();
        api.MapDefinitionEndpoints();
        api.MapInstanceEndpoints();
        api.MapInstanceMigrationEndpoints();
        api.MapTaskEndpoints();
        api.MapTaskSearchEndpoints();
        api.MapRunTaskEndpoints();
        api.MapEventEndpoints();
        api.MapDescriptorEndpoints();
        api.MapFitEndpoints();
        api.MapFelEndpoints();
        api.MapKnowledgeEndpoints();
        api.MapAuditEndpoints();
        api.MapApiKeyEndpoints();
        api.MapStudioReadEndpoints();
        api.MapDashboardEndpoints();
        api.MapDirectoryEndpoints();
        return app;
    }
}
