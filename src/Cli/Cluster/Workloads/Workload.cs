using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>What the commands need of one Deployment, StatefulSet, CronJob or Job, read from the API server.</summary>
/// <param name="Ref">Kind, namespace and name.</param>
/// <param name="Metadata">Its annotations and labels; a map is null when the object has none.</param>
/// <param name="Replicas">spec.replicas; null when only metadata was listed, and for a kind without replicas.</param>
/// <param name="ResourceVersion">The version a patch's precondition tests.</param>
/// <param name="OperatorOwned">Whether its own ownerReferences name a controller.</param>
internal sealed record Workload(WorkloadRef Ref, WorkloadMetadata Metadata, int? Replicas, string ResourceVersion, bool OperatorOwned)
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>spec.suspend of a kind stopped through it (a CronJob; unset reads as false); null for other kinds.</summary>
    public bool? Suspend { get; init; }

    /// <summary>Whether it is a Job that finished (Complete or Failed): never suspended nor resumed.</summary>
    public bool Finished { get; init; }

    /// <summary>spec.schedule of a CronJob; null for other kinds.</summary>
    public string? Schedule { get; init; }

    /// <summary>spec.timeZone of a CronJob (an IANA name; null means the controller manager's zone); null for other kinds.</summary>
    public string? TimeZone { get; init; }

    public IReadOnlyDictionary<string, string> Annotations => Metadata.Annotations ?? Empty;

    public IReadOnlyDictionary<string, string> Labels => Metadata.Labels ?? Empty;

    /// <summary>Tarnfui's replica record on it: null when there is none, an error when it cannot be trusted to restore from.</summary>
    public ParseResult<StoppedState?> State => Metadata.ReadStoppedState();

    /// <summary>The record when it can be read, else null.</summary>
    public StoppedState? Stopped => State.IsValid ? State.Value : null;

    /// <summary>Tarnfui's suspend record on a CronJob: null when there is none, an error when it cannot be trusted to restore from.</summary>
    public ParseResult<SuspendState?> SuspendRecord => SuspendState.Read(Metadata.Annotations, Metadata.Labels);

    /// <summary>Whether Tarnfui holds it down: THE predicate, <see cref="StopMarks.IsStopped"/>.</summary>
    public bool IsStopped => StopMarks.IsStopped(Metadata.Annotations, Metadata.Labels);

    /// <summary>Whether any key of the stop record is present, even partly or with another value: what a clean-up removes.</summary>
    public bool HasState => StopMarks.HasAnyKey(Metadata.Annotations, Metadata.Labels);
}
