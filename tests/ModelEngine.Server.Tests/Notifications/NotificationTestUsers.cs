using ModelEngine.Server.Tests.Infrastructure;

namespace ModelEngine.Server.Tests.Notifications;

/// <summary>Adds the users of the notification tests to a host, after the six demo users of appsettings.json.</summary>
internal static class NotificationTestUsers
{
    /// <summary>The group the five reviewers share.</summary>
    public const string ReviewersGroup = "reviewers";

    public static readonly string[] Reviewers = ["reviewer1", "reviewer2", "reviewer3", "reviewer4", "reviewer5"];

    // The hash of the demo password "modelengine", as appsettings.json stores it for the demo users.
    private const string DemoPasswordHash = "AQAAAAIAAYagAAAAEOnv6fOVWbt+1jtCVQiraOIpVVMP7GXKRyh4WRvUp+4fdNn8TXfxviRk6/01ccAyjw==";

    // appsettings.json configures Identity:Users:0 to 5.
    private const int FirstIndex = 6;

    public static ServerFactory WithReviewers(this ServerFactory factory)
    {
        for (var i = 0; i < Reviewers.Length; i++)
        {
            var key = $"Identity:Users:{FirstIndex + i}";
            factory.WithSetting($"{key}:Username", Reviewers[i])
                .WithSetting($"{key}:PasswordHash", DemoPasswordHash)
                .WithSetting($"{key}:Groups:0", ReviewersGroup);
        }

        return factory;
    }
}
