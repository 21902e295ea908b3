using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>What the planners need of one workload (a Deployment, StatefulSet or CronJob), as read from the API server.</summary>
/// <param name="Ref">Which workload.</param>
/// <param name="Uid">Its UID, for Events.</param>
/// <param name="ResourceVersion">The version read, the precondition of the next write.</param>
/// <param name="Metadata">Its Tarnfui annotations and labels (<see cref="DecisiveMetadata"/>), and its rollout revision when read in full.</param>
/// <param name="Replicas">Its <c>spec.replicas</c>, or null when only its metadata was read (list and watch are metadata-only).</param>
/// <param name="OperatorOwned">Whether its own ownerReferences name a controller.</param>
/// <param name="PerReplica">What one replica requests, when the pod template was read.</param>
internal sealed record WorkloadSnapshot(
    WorkloadRef Ref,
    ObjectUid Uid,
    string ResourceVersion,
    int? Replicas,
    WorkloadMetadata Metadata,
    bool OperatorOwned,
    PodResources PerReplica)
{
    // What only some kinds and settings carry (a CronJob's or a Job's fields, the labels the selectors name) is kept
    // apart, and null when none is set: a stop sweep keeps a snapshot of every workload it stops, few of which carry any.
    private readonly Extras? _extras;

    // 0 for none: the API server numbers generations from 1.
    private readonly long _generation;

    /// <summary>
    /// Its <c>spec.suspend</c>, for a kind stopped through it (a CronJob, whose view keeps it from every list and watch
    /// item); null for the other kinds.
    /// </summary>
    public bool? Suspend { get => _extras?.Suspend; init => _extras = Extras.Of((_extras ?? Extras.None) with { Suspend = value }); }

    /// <summary>Whether it is a Job that finished (Complete or Failed): never suspended. Known only when read whole.</summary>
    public bool Finished { get => _extras?.Finished ?? false; init => _extras = Extras.Of((_extras ?? Extras.None) with { Finished = value }); }

    /// <summary>
    /// The labels the <c>Policy</c> selectors name (<see cref="Tarnfui.Core.Scope.ScopeRules.SelectorView"/>), when read
    /// whole with selectors set; null when not known (metadata-only list and watch items, or no selector set).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Labels { get => _extras?.Labels; init => _extras = Extras.Of((_extras ?? Extras.None) with { Labels = value }); }

    /// <summary>The name of the CronJob that controls it, for a Job one started; else null.</summary>
    public string? CronJob { get => _extras?.CronJob; init => _extras = Extras.Of((_extras ?? Extras.None) with { CronJob = value }); }

    /// <summary>
    /// Its <c>metadata.generation</c>, which the API server moves with every change of the spec and with nothing else:
    /// two reads of one object at the same generation have the same count and pod template. Null when not set.
    /// </summary>
    public long? Generation { get => _generation == 0 ? null : _generation; init => _generation = value ?? 0; }

    private sealed record Extras(bool? Suspend, bool Finished, IReadOnlyDictionary<string, string>? Labels, string? CronJob)
    {
        public static readonly Extras None = new(null, false, null, null);

        // None is kept as null, so that a snapshot without any compares equal whichever way it was made.
        public static Extras? Of(Extras extras) => extras == None ? null : extras;
    }
}
