namespace Tarnfui.Core.Policy;

/// <summary>
/// A workload kind Tarnfui stops, as data: its API coordinates, the names kubectl accepts for it, how the sweeper
/// finds one to stop (<see cref="FoundBy"/>), how its pods reach it and how it is stopped. Code that needs something per kind reads it here; code that cannot (a typed client
/// call) switches exhaustively and ends in <see cref="NotHandled"/>. Adding a kind is one descriptor in <see cref="All"/>.
/// </summary>
public sealed class WorkloadKind
{
    public static readonly WorkloadKind Deployment = new(
        "apps", "v1", "Deployment", "deployments", shortNames: ["deploy"], namespaced: true, StopMethod.Replicas, WorkloadDiscovery.RunningPods, podsOwnedThrough: "ReplicaSet");

    public static readonly WorkloadKind StatefulSet = new(
        "apps", "v1", "StatefulSet", "statefulsets", shortNames: ["sts"], namespaced: true, StopMethod.Replicas, WorkloadDiscovery.RunningPods, podsOwnedThrough: null);

    /// <summary>
    /// A CronJob: suspended off-hours (<see cref="StopMethod.Suspend"/>). Between its runs it has no pod to walk from,
    /// so the sweeper keeps a watched view of every CronJob instead (<see cref="WorkloadDiscovery.Watched"/>).
    /// </summary>
    public static readonly WorkloadKind CronJob = new(
        "batch", "v1", "CronJob", "cronjobs", shortNames: ["cj"], namespaced: true, StopMethod.Suspend, WorkloadDiscovery.Watched, podsOwnedThrough: null);

    /// <summary>
    /// A Job: suspended off-hours like a CronJob (<see cref="StopMethod.Suspend"/>), found from its running pods, which
    /// it controls itself. Opt-in (<c>Sweeper:SuspendJobs</c>, <c>Webhook:SuspendNewJobs</c>): suspending a Job deletes
    /// its running pods. kubectl knows it by no short name.
    /// </summary>
    public static readonly WorkloadKind Job = new(
        "batch", "v1", "Job", "jobs", shortNames: [], namespaced: true, StopMethod.Suspend, WorkloadDiscovery.RunningPods, podsOwnedThrough: null);

    /// <summary>
    /// An Argo Rollout: held down through <c>spec.replicas</c> like a Deployment, whose pods it owns through ReplicaSets
    /// the same way. A custom resource: handled only while discovery says the cluster serves it (<see cref="RequiresDiscovery"/>).
    /// </summary>
    public static readonly WorkloadKind Rollout = new(
        "argoproj.io", "v1alpha1", "Rollout", "rollouts", shortNames: ["ro"], namespaced: true, StopMethod.Replicas, WorkloadDiscovery.RunningPods, podsOwnedThrough: "ReplicaSet", requiresDiscovery: true);

    private WorkloadKind(
        string group, string version, string kind, string plural, IReadOnlyList<string> shortNames, bool namespaced, StopMethod stop, WorkloadDiscovery foundBy, string? podsOwnedThrough,
        bool requiresDiscovery = false)
    {
        RequiresDiscovery = requiresDiscovery;
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
        ShortNames = shortNames;
        Namespaced = namespaced;
        Stop = stop;
        FoundBy = foundBy;
        PodsOwnedThrough = podsOwnedThrough;
        ApiVersion = group.Length == 0 ? version : $"{group}/{version}";
        Singular = kind.ToLowerInvariant();
    }

    /// <summary>Every kind Tarnfui stops, in the order commands list them.</summary>
    public static IReadOnlyList<WorkloadKind> All { get; } = [Deployment, StatefulSet, CronJob, Job, Rollout];

    /// <summary>
    /// The kinds of <see cref="All"/> held down through <c>spec.replicas</c> (<see cref="StopMethod.Replicas"/>): the
    /// ones the webhook and the CLI handle. A site that handles only these names this list, so a kind stopped another
    /// way is filtered out there on purpose, not met by a typed call that has no branch for it.
    /// </summary>
    public static IReadOnlyList<WorkloadKind> WithReplicas { get; } = [.. All.Where(k => k.Stop == StopMethod.Replicas)];

    /// <summary>The API group (<c>apps</c>).</summary>
    public string Group { get; }

    /// <summary>The API version (<c>v1</c>).</summary>
    public string Version { get; }

    /// <summary>The kind as objects and ownerReferences spell it (<c>Deployment</c>).</summary>
    public string Kind { get; }

    /// <summary>The lower-case plural resource, as in API paths and admission requests (<c>deployments</c>).</summary>
    public string Plural { get; }

    /// <summary>The lower-case singular (<c>deployment</c>): kept, as every message and log line naming a workload reads it.</summary>
    public string Singular { get; }

    /// <summary>kubectl's short names (<c>deploy</c>).</summary>
    public IReadOnlyList<string> ShortNames { get; }

    public bool Namespaced { get; }

    /// <summary>How a stop holds it down.</summary>
    public StopMethod Stop { get; }

    /// <summary>How the sweeper finds the ones to stop.</summary>
    public WorkloadDiscovery FoundBy { get; }

    /// <summary>Whether the sweeper reaches it up the ownerReferences of running pods (<see cref="WorkloadDiscovery.RunningPods"/>).</summary>
    public bool ReachedFromPods => FoundBy == WorkloadDiscovery.RunningPods;

    /// <summary>
    /// The apps/v1 kind between its pods and it (<c>ReplicaSet</c> for a Deployment or a Rollout), or null when it controls its
    /// pods itself: the owner walk follows one more controller for such a kind. Read only when <see cref="ReachedFromPods"/>.
    /// </summary>
    public string? PodsOwnedThrough { get; }

    /// <summary>
    /// Whether the kind is a custom resource a cluster may not serve: the sweeper spends no request on it unless
    /// discovery says it is served, and a CLI list of it that answers 404 means none.
    /// </summary>
    public bool RequiresDiscovery { get; }

    /// <summary><c>apps/v1</c>, <c>batch/v1</c>: as ownerReferences and objects carry it.</summary>
    public string ApiVersion { get; }

    /// <summary>Every spelling kubectl accepts: singular, plural, short names, and each qualified by the group (<c>deployment.apps</c>).</summary>
    public IEnumerable<string> Aliases
    {
        get
        {
            IEnumerable<string> names = [Singular, Plural, .. ShortNames];
            return names.Concat(Group.Length == 0 ? [] : [Singular + "." + Group, Plural + "." + Group]);
        }
    }

    /// <summary>The collection path in one namespace: <c>/apis/apps/v1/namespaces/shop/deployments</c>.</summary>
    public string CollectionPath(string @namespace) =>
        (Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}") + (Namespaced ? $"/namespaces/{@namespace}/{Plural}" : $"/{Plural}");

    /// <summary>One object's path: <c>/apis/apps/v1/namespaces/shop/deployments/api</c>.</summary>
    public string ObjectPath(string @namespace, string name) => $"{CollectionPath(@namespace)}/{name}";

    /// <summary>The kind whose objects are <paramref name="group"/>/<paramref name="plural"/> (an admission request's resource), or null.</summary>
    public static WorkloadKind? FindByResource(string? group, string? plural)
    {
        // A loop, not LINQ: the webhook asks once per admission, and a capturing lambda would allocate each time.
        foreach (var kind in All)
        {
            if (string.Equals(kind.Group, group, StringComparison.Ordinal) && string.Equals(kind.Plural, plural, StringComparison.Ordinal))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The kind an ownerReference names (<paramref name="apiVersion"/> and <paramref name="kind"/> both match), or null.</summary>
    public static WorkloadKind? FindByOwner(string? apiVersion, string? kind)
    {
        // A loop, not LINQ: the sweeper asks once per running pod.
        foreach (var known in All)
        {
            if (string.Equals(known.Kind, kind, StringComparison.Ordinal) && string.Equals(known.ApiVersion, apiVersion, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>The kind named by a kubectl spelling (<c>deploy</c>, <c>statefulsets.apps</c>; any case), or null.</summary>
    public static WorkloadKind? FindByAlias(string? alias) =>
        All.FirstOrDefault(k => k.Aliases.Contains(alias, StringComparer.OrdinalIgnoreCase));

    /// <summary>The kind named <paramref name="kind"/> (<c>Deployment</c>); throws for one Tarnfui does not know.</summary>
    public static WorkloadKind Of(string kind) =>
        All.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.Ordinal)) ?? throw Unknown(kind);

    /// <summary>
    /// THE failure for a kind some code has no branch for: every exhaustive switch over kinds ends here, so a kind
    /// added to <see cref="All"/> but not to a typed client call fails loudly instead of reaching another kind's API.
    /// </summary>
    public static NotSupportedException NotHandled(WorkloadKind kind, string where)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return Unknown($"{kind.Kind} ({kind.ApiVersion}) in {where}");
    }

    /// <summary><c>Deployment</c>: how messages, logs, metrics and Events name the kind.</summary>
    public override string ToString() => Kind;

    private static NotSupportedException Unknown(string what) =>
        new($"workload kind {what} is not one Tarnfui handles; the kinds are {string.Join(", ", All.Select(k => k.Kind))} (Tarnfui.Core.Policy.WorkloadKind.All)");
}
