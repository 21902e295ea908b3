using NodaTime;
using Tarnfui.Sweeper.Acting;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>
/// The Warnings both passes raise about annotations that cannot be read, once per object version: a standing invalid
/// annotation is met again by every sweep, and one Warning per version is enough.
/// </summary>
internal sealed class WarningsOnce(ISweepActor actor, Metrics metrics, IClock clock)
{
    private readonly HashSet<(ObjectUid Uid, string ResourceVersion, string Message)> _warned = [];
    private readonly HashSet<(ObjectUid Uid, string ResourceVersion, string Message)> _warnedThisSweep = [];

    /// <summary>The message of a Warning about a workload the sweep leaves as it is.</summary>
    public static string LeftAlone(string why) => $"Left alone: {why}";

    /// <summary>Counts the workload as invalid in the report; warns unless this version was warned about already.</summary>
    public async Task WarnAsync(WorkloadSnapshot workload, string message, SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(report);
        report.Invalid.Add(workload.Ref);
        var warning = (workload.Uid, workload.ResourceVersion, message);
        _warnedThisSweep.Add(warning);
        if (_warned.Add(warning))
        {
            metrics.ScheduleErrors.WithLabels(workload.Ref.Kind.ToString()).Inc();
            await actor.WarnAsync(workload, message, clock.GetCurrentInstant(), CancellationToken.None);
        }
    }

    /// <summary>
    /// After a complete sweep: a warning no complete sweep met is about a version that is gone (fixed, or changed
    /// again), so it is forgotten, or the set would grow with every invalid version ever seen.
    /// </summary>
    public void EndSweep()
    {
        _warned.IntersectWith(_warnedThisSweep);
        _warnedThisSweep.Clear();
    }
}
