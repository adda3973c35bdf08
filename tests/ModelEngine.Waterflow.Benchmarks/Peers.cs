using Akka.Actor;
using Akka.Streams;

namespace ModelEngine.Waterflow.Benchmarks;

/// <summary>The Akka actor system and materializer that every Akka.Streams benchmark shares.</summary>
internal static class Peers
{
    private static readonly Lazy<(ActorSystem System, IMaterializer Materializer)> s_akka = new(() =>
    {
        var system = ActorSystem.Create("benchmarks", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");
        return (system, system.Materializer());
    });

    public static IMaterializer Materializer => s_akka.Value.Materializer;

    /// <summary>A deterministic amount of CPU work per item, used to make one stage slower than another.</summary>
    public static int Work(int x, int rounds)
    {
        var h = x;
        for (var i = 0; i < rounds; i++)
        {
            h = unchecked((h * 31) + i) ^ (h >> 7);
        }

        return h;
    }
}
