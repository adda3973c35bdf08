namespace ModelEngine.Studio.Features.Inbox;

/// <summary>Registers the services of the inbox screens.</summary>
public static class InboxFeature
{
    public static IServiceCollection AddInboxFeature(this IServiceCollection services)
    {
        return services;
    }
}
