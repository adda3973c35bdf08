using ModelEngine.Workflows.Persistence;

namespace ModelEngine.Workflows.Runtime;

/// <summary>
/// Arms committed timer rows, for example as Hangfire delayed jobs. The runtime calls it after each commit that added
/// a bookmark with a due time.
/// </summary>
public interface IDurableTimerScheduler
{
    void Schedule(DurableTimer timer);
}
