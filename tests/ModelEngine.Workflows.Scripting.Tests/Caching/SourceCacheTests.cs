using ModelEngine.Workflows.Scripting.Caching;

namespace ModelEngine.Workflows.Scripting.Tests.Caching;

public sealed class SourceCacheTests
{
    [Fact]
    public void GetOrAdd_SameSource_CreatesOnce()
    {
        var cache = new SourceCache<string>(capacity: 4);
        var creations = 0;

        var first = cache.GetOrAdd("a", source => { creations++; return source + "!"; });
        var second = cache.GetOrAdd("a", source => { creations++; return source + "?"; });

        Assert.Equal("a!", first);
        Assert.Equal("a!", second);
        Assert.Equal(1, creations);
    }

    [Fact]
    public void GetOrAdd_Full_ClearsAndStaysWithinCapacity()
    {
        var cache = new SourceCache<int>(capacity: 3);

        for (var i = 0; i < 10; i++)
        {
            cache.GetOrAdd($"source {i}", source => source.Length);
            Assert.InRange(cache.Count, 1, 3);
        }
    }
}
