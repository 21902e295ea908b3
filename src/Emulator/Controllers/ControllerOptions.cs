namespace Tarnfui.Emulator.Controllers;

/// <summary>The emulated cluster's nodes: DaemonSets run one pod on each, other pods are spread over them.</summary>
public sealed class ControllerOptions
{
    public IReadOnlyList<string> Nodes { get; set; } = ["sandbox-node-1", "sandbox-node-2", "sandbox-node-3"];

    /// <summary>
    /// How long, in simulated time, a Job's pod runs before it succeeds. Zero (the default) starts Job pods already
    /// succeeded, so a Job completes in the reconcile that sees it; a longer run leaves pods Running that a suspend
    /// can stop, and a <see cref="ClusterControllers.ScheduleTick"/> after the run time finishes them.
    /// </summary>
    public NodaTime.Duration JobRunTime { get; set; } = NodaTime.Duration.Zero;

    /// <summary>
    /// How often, in real time, the controllers look at the clock for CronJob schedule times and Job pods that ran
    /// their time (see <see cref="ClusterControllers.ScheduleTick"/>); null leaves that to the caller, as tests do.
    /// </summary>
    public TimeSpan? ScheduleTickPeriod { get; set; }
}
