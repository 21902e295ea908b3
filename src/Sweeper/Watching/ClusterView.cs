using k8s.Models;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Watching;

/// <summary>
/// What the sweeper keeps of the cluster between sweeps: the namespaces (for namespace-level policy) and, per kind,
/// the workloads carrying the <c>stopped</c> label, each a metadata-only list kept current by a watch
/// (<see cref="Reflector{TRaw, T}"/>). This is what makes a night-time sweep nearly free: it lists only the running
/// pods. Of each item it keeps only what the decisions read (<see cref="DecisiveMetadata"/>): for a namespace its
/// Tarnfui annotations, for a stopped workload the <see cref="WorkloadSnapshot"/> the restore pass plans from, made
/// when the item arrives, a few hundred bytes instead of its whole metadata (managedFields and
/// <c>last-applied-configuration</c> alone are often several KB). A kind with no running pods to walk from
/// (<see cref="WorkloadDiscovery.Watched"/>: CronJobs) is kept whole instead, every object of it, each as the same
/// kind of snapshot plus its <c>spec.suspend</c>: its stopped set is the part of it that carries the label. The
/// sweeper's HorizontalPodAutoscalers are kept whole too (<see cref="Autoscalers"/>): few, and their targets and
/// bounds are in their spec. The running ReplicaSets (<see cref="ReplicaSets"/>) and the reads of running StatefulSets
/// and Rollouts (<see cref="Reads"/>) are listed and watched with the rest. The sweeper's own stops and restores are shown over the watched sets (<see cref="Record"/>) until their watches bring them.
/// </summary>
/// <remarks>
/// The reflectors have no backoff: a view found stale is listed again by the next sweep, not in between, and a list
/// that fails fails that sweep.
/// </remarks>
internal sealed class ClusterView : IAsyncDisposable
{
    private readonly Dictionary<WorkloadKind, Reflector<V1ObjectMeta, WorkloadSnapshot>> _stopped = [];

    private readonly ServedApis _served;
    private IReadOnlyList<Reflector<V1ObjectMeta, WorkloadSnapshot>> _kept = [];

    public ClusterView(
        KubeApi api,
        ServedApis served,
        ScaledObjectView scaledObjects,
        KeptReads reads,
        RunningReplicaSets replicaSets,
        ReadScope scope,
        GlobalPolicy global,
        IOptions<SweeperOptions> options,
        ILogger<ClusterView> logger)
    {
        _served = served;
        ScaledObjects = scaledObjects;
        Reads = reads;
        ReplicaSets = replicaSets;
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var watch = options.Value.Watch;
        var staleAfter = options.Value.WatchStaleAfter;
        Namespaces = new(
            scope.ListWatch(name => MetadataListWatch.Of(
                (continueToken, ct) => api.ListNamespacesAsync(name, continueToken, ct),
                watch ? (version, connected, ct) => api.WatchNamespacesAsync(name, version, connected, ct) : null)),
            (metadata, _) => KeepNamespace(metadata, global),
            Options<NamespaceEntry>("namespaces", staleAfter, logger, merge: null));
        CronJobs = new(
            scope.ListWatch(ns => WholeObjectListWatch.CronJobs(api, ns, watch)),
            (cronJob, _) => api.WithLabels(KubeApi.CronJobSnapshot(cronJob), cronJob.Metadata),
            Options<WorkloadSnapshot>("cronjobs", staleAfter, logger, merge: null));
        Autoscalers = new(
            scope.ListWatch(ns => WholeObjectListWatch.Autoscalers(api, ns, watch)),
            (autoscaler, _) => KubeApi.AutoscalerSnapshotOf(autoscaler),
            Options<AutoscalerSnapshot>("horizontalpodautoscalers", staleAfter, logger, merge: null));
        // The stopped sets of the kinds reached from running pods; a watched kind's view holds its stopped ones itself.
        // Jobs only when the sweeper suspends them (Sweeper:SuspendJobs): otherwise they cost no request.
        foreach (var kind in WorkloadKind.All.Where(k => k.ReachedFromPods && (k != WorkloadKind.Job || options.Value.SuspendJobs)))
        {
            _stopped[kind] = new(
                scope.ListWatch(ns => MetadataListWatch.Of(
                    (continueToken, ct) => api.ListStoppedAsync(kind, ns, continueToken, ct),
                    watch ? (version, connected, ct) => api.WatchStoppedAsync(kind, ns, version, connected, ct) : null)),
                (metadata, kept) => (kept is null ? null : Refresh(kept, metadata)) ?? KubeApi.Snapshot(new WorkloadRef(kind, SharedStrings.Share(metadata.NamespaceProperty ?? ""), metadata.Name), metadata),
                Options<WorkloadSnapshot>($"stopped {kind.ToString().ToLowerInvariant()}s", staleAfter, logger, Merge));
        }
    }

    /// <summary>Each namespace's Tarnfui annotations (empty when it has none) and the labels the selectors name.</summary>
    public Reflector<V1ObjectMeta, NamespaceEntry> Namespaces { get; }

    /// <summary>Every CronJob, stopped or not: what the suspend pass plans from.</summary>
    public Reflector<CronJobObject, WorkloadSnapshot> CronJobs { get; }

    /// <summary>Every HorizontalPodAutoscaler, bounded by Tarnfui or not: what the autoscaler pass plans from.</summary>
    public Reflector<V2HorizontalPodAutoscaler, AutoscalerSnapshot> Autoscalers { get; }

    /// <summary>Every KEDA ScaledObject while the cluster serves them: what the ScaledObject pass plans from.</summary>
    public ScaledObjectView ScaledObjects { get; }

    /// <summary>The last whole read of each running StatefulSet and Rollout, kept current by a watch: what the stop pass decides from.</summary>
    public KeptReads Reads { get; }

    /// <summary>The ReplicaSets that run, kept current by a watch: what the owner cache answers from.</summary>
    public RunningReplicaSets ReplicaSets { get; }

    /// <summary>
    /// The stopped set of each kind reached from running pods that the last <see cref="EnsureSyncedAsync"/> kept current:
    /// a custom resource's (Rollouts) only while it is served.
    /// </summary>
    public IEnumerable<Reflector<V1ObjectMeta, WorkloadSnapshot>> StoppedSets => _kept;

    /// <summary>Lists what is stale; returns the LIST pages that cost (0 when the watches are current).</summary>
    public async Task<int> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var pages = 0;
        if (await Namespaces.EnsureSyncedAsync(cancellationToken))
        {
            pages += Namespaces.LastListPages;
        }

        if (await CronJobs.EnsureSyncedAsync(cancellationToken))
        {
            pages += CronJobs.LastListPages;
        }

        if (await Autoscalers.EnsureSyncedAsync(cancellationToken))
        {
            pages += Autoscalers.LastListPages;
        }

        var kept = new List<Reflector<V1ObjectMeta, WorkloadSnapshot>>(_stopped.Count);
        foreach (var (kind, reflector) in _stopped)
        {
            // A custom resource's stopped set (Rollouts) is listed and watched only while discovery says it is served:
            // without its CRD it costs no request, and its set stays empty.
            if (!await _served.ServesAsync(kind, cancellationToken))
            {
                continue;
            }

            kept.Add(reflector);
            if (await reflector.EnsureSyncedAsync(cancellationToken))
            {
                pages += reflector.LastListPages;
            }
        }

        _kept = kept;
        pages += await Reads.EnsureSyncedAsync(cancellationToken);
        pages += await ReplicaSets.EnsureSyncedAsync(cancellationToken);
        return pages + await ScaledObjects.EnsureSyncedAsync(cancellationToken);
    }

    /// <summary>The namespace's Tarnfui annotations, or null when the namespace is unknown. Kept, not copied: never written to.</summary>
    public IReadOnlyDictionary<string, string>? NamespaceAnnotations(string @namespace) => Namespaces.Get(null, @namespace)?.Annotations;

    /// <summary>The namespace's labels the <c>Policy</c> selectors name, or null when none is set or the namespace is unknown.</summary>
    public IReadOnlyDictionary<string, string>? NamespaceLabels(string @namespace) => Namespaces.Get(null, @namespace)?.Labels;

    /// <summary>The stopped set of a kind reached from running pods (a watched kind's stopped ones are in its own view).</summary>
    public Reflector<V1ObjectMeta, WorkloadSnapshot> Stopped(WorkloadKind kind) =>
        _stopped.TryGetValue(kind, out var stopped) ? stopped : throw WorkloadKind.NotHandled(kind, nameof(Stopped));

    public bool IsStopped(WorkloadRef workload) => StoppedSnapshot(workload) is not null;

    /// <summary>The stopped set's entry for the workload, or null when it is not in the set.</summary>
    public WorkloadSnapshot? StoppedSnapshot(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return workload.Kind == WorkloadKind.CronJob
            ? CronJobs.Get(workload.Namespace, workload.Name) is { Metadata.IsStopped: true } cronJob ? cronJob : null
            : Stopped(workload.Kind).Get(workload.Namespace, workload.Name);
    }

    /// <summary>
    /// Every workload carrying the stopped label, as a metadata-only snapshot: no replicas; what one replica requests
    /// only for the workloads this sweeper stopped (from its patch's answer).
    /// </summary>
    public IEnumerable<WorkloadSnapshot> StoppedWorkloads() =>
        _stopped.Values.SelectMany(reflector => reflector.Items).Concat(CronJobs.Items.Where(cronJob => cronJob.Metadata.IsStopped));

    /// <summary>
    /// Records the result of the sweeper's own write (the workload as the server answered it, null when it is gone):
    /// in the stopped set when it carries the label, else out, until the watch brings that version. Kept as a list or
    /// watch item would be (what the restore pass reads of its metadata, not the count of the answer), plus what one
    /// replica requests, for the metrics of what is held down: later versions with the same Tarnfui keys keep it
    /// (<see cref="Refresh"/>).
    /// </summary>
    public void Record(WorkloadRef workload, WorkloadSnapshot? written)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var key = ObjectKey.Of(workload.Namespace, workload.Name);
        var version = written?.ResourceVersion is { Length: > 0 } v ? v : null;
        if (workload.Kind == WorkloadKind.CronJob)
        {
            // The CronJob view holds every CronJob, stopped or not: the answer is kept as it is (its keys and suspend).
            CronJobs.Record(key, written, version);
            return;
        }

        // A write's answer is the whole object: what a stop of it decides from until its spec changes.
        if (written is null)
        {
            Reads.Forget(workload);
        }
        else
        {
            Reads.Remember(written);
        }

        var labelled = written is not null && written.Metadata.IsStopped;
        Stopped(workload.Kind).Record(key, labelled ? MetadataOnly(written!) : null, version);
    }

    /// <summary>
    /// The HPAs of the view by the workload they scale (HPAs are few: built once per pass, not kept). Kubernetes refuses
    /// to act on a workload two HPAs target, so one per workload is what matters; the first by name is kept.
    /// </summary>
    public Dictionary<WorkloadRef, AutoscalerSnapshot> AutoscalersByTarget()
    {
        var byTarget = new Dictionary<WorkloadRef, AutoscalerSnapshot>();
        foreach (var autoscaler in Autoscalers.Items.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            if (autoscaler.Target is { } target)
            {
                byTarget.TryAdd(target, autoscaler);
            }
        }

        return byTarget;
    }

    /// <summary>Records the sweeper's own write of an HPA (null: it is gone) until the watch brings that version.</summary>
    public void RecordAutoscaler(string @namespace, string name, AutoscalerSnapshot? written) =>
        Autoscalers.Record(ObjectKey.Of(@namespace, name), written, written?.ResourceVersion is { Length: > 0 } v ? v : null);

    /// <summary>
    /// <paramref name="kept"/> at the version of <paramref name="metadata"/> when that is the same object with the same
    /// Tarnfui keys and owner flag (only its version moved: its status, mostly), else null.
    /// </summary>
    public static WorkloadSnapshot? Refresh(WorkloadSnapshot kept, V1ObjectMeta metadata) =>
        kept is not null && metadata is not null
        && kept.Uid == metadata.Uid && kept.OperatorOwned == OwnerWalk.IsOperatorOwned(metadata) && DecisiveMetadata.Matches(kept.Metadata, metadata)
            ? (kept.ResourceVersion == metadata.ResourceVersion ? kept : kept with { ResourceVersion = metadata.ResourceVersion ?? "" })
            : null;

    public async ValueTask DisposeAsync()
    {
        await Namespaces.DisposeAsync();
        await CronJobs.DisposeAsync();
        await Autoscalers.DisposeAsync();
        foreach (var reflector in _stopped.Values)
        {
            await reflector.DisposeAsync();
        }
    }

    // As a list or watch item of the stopped set: without the count (the restore pass tests the held-down count
    // instead) and the rollout revision of the patch's answer.
    private static WorkloadSnapshot MetadataOnly(WorkloadSnapshot written) =>
        written with
        {
            Replicas = null,
            Metadata = DecisiveMetadata.WithoutRevision(written.Metadata),
        };

    /// <summary>
    /// The answer of a write can arrive after the watch brought its version and later ones of the same state (the
    /// controller moving its status): the entry keeps the newer version and takes only what the answer adds, what one
    /// replica requests, and the write's instance of the workload's name, which the running ReplicaSets' view and the
    /// owner cache hold too (the watch's item came with strings of its own). A different state (another object, other
    /// Tarnfui keys) leaves the stored entry as the watch brought it: it is newer than the write.
    /// </summary>
    public static WorkloadSnapshot Merge(WorkloadSnapshot kept, WorkloadSnapshot written)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(written);
        if (kept.Uid != written.Uid || kept.OperatorOwned != written.OperatorOwned || !DecisiveMetadata.Matches(kept.Metadata, written.Metadata))
        {
            return kept;
        }

        var shared = ReferenceEquals(kept.Ref, written.Ref) || kept.Ref != written.Ref ? kept.Ref : written.Ref;
        return kept.PerReplica == written.PerReplica && ReferenceEquals(shared, kept.Ref) ? kept : kept with { PerReplica = written.PerReplica, Ref = shared };
    }

    // A namespace keeps its labels too, but only those a selector names, and none when no selector is set.
    private static NamespaceEntry KeepNamespace(V1ObjectMeta metadata, GlobalPolicy global) =>
        new(DecisiveMetadata.Annotations(metadata.Annotations) ?? SmallDictionary.Empty, global.Scope.SelectorView(metadata.Labels));

    /// <summary>
    /// The options of every reflector of the sweeper: no backoff (a view found stale is listed again by the next sweep),
    /// stale after <paramref name="staleAfter"/> of silence, and its relists and ended watches logged; the items it has
    /// no use for (<paramref name="unwanted"/>) not stored.
    /// </summary>
    public static ReflectorOptions<T> Options<T>(string what, TimeSpan staleAfter, ILogger logger, Func<T, T, T>? merge, Func<T, bool>? unwanted = null)
        where T : class => new()
        {
            What = what,
            StaleAfter = staleAfter,
            Merge = merge,
            Unwanted = unwanted,
            Relisting = why => Log.Relisting(logger, what, why),
            WatchFailed = (e, expired, _) => Log.WatchEnded(logger, what, expired ? "410 Gone or error event" : e.GetType().Name + ": " + e.Message, "listing again at the next sweep"),
        };
}
