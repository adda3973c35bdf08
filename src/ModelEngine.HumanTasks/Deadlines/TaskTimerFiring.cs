using ModelEngine.HumanTasks.Model;

namespace ModelEngine.HumanTasks.Deadlines;

/// <summary>
/// What a fired bookmark turned out to be for a UserTask: not a task timer, a timer that has been handled, or a
/// Complete deadline that completed <see cref="Completed"/>, after which the vote over <see cref="Tasks"/> goes on.
/// </summary>
internal sealed record TaskTimerFiring(bool IsTimer, HumanTask? Completed = null, IReadOnlyList<HumanTask>? Tasks = null)
{
    public static readonly TaskTimerFiring NotATimer = new(false);

    public static readonly TaskTimerFiring Handled = new(true);
}
