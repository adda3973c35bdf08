namespace ModelEngine.Server.Tests.Messaging;

/// <summary>Repeat counts for the messaging races: full counts when MODELENGINE_STRESS is "full", smaller ones otherwise.</summary>
internal static class MessagingStress
{
    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable("MODELENGINE_STRESS"), "full", StringComparison.OrdinalIgnoreCase);

    public static int Rounds => IsFull ? 100 : 10;
}
