namespace Tarnfui.Emulator.Store;

/// <summary>The fixed registry of the types the sandbox serves.</summary>
public static class ResourceTypes
{
    public static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", "namespace", false, ["ns"], ["status", "finalize"], []);
    public static readonly ResourceType Pods = new("", "v1", "Pod", "pods", "pod", true, ["po"], ["status"], ["all"]);
    public static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], [], []);
    public static readonly ResourceType CoreEvents = new("", "v1", "Event", "events", "event", true, ["ev"], [], []);
    public static readonly ResourceType Deployments = new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], ["scale", "status"], ["all"]);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "StatefulSet", "statefulsets", "statefulset", true, ["sts"], ["scale", "status"], ["all"]);
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, ["rs"], ["scale", "status"], ["all"]);
    public static readonly ResourceType DaemonSets = new("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, ["ds"], ["status"], ["all"]);
    public static readonly ResourceType Jobs = new("batch", "v1", "Job", "jobs", "job", true, [], ["status"], ["all"]);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, [], [], []);
    public static readonly ResourceType Events = new("events.k8s.io", "v1", "Event", "events", "event", true, ["ev"], [], []);
    public static readonly ResourceType MutatingWebhookConfigurations = new(
        "admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
        "mutatingwebhookconfiguration", false, [], [], ["api-extensions"]);

    /// <summary>Every type, in discovery order.</summary>
    public static readonly IReadOnlyList<ResourceType> All =
    [
        Namespaces, Pods, ConfigMaps, CoreEvents, Deployments, StatefulSets, ReplicaSets, DaemonSets, Jobs, Leases, Events,
        MutatingWebhookConfigurations,
    ];

    /// <summary>The group/versions served, in discovery order (the legacy core group first).</summary>
    public static readonly IReadOnlyList<(string Group, string Version)> GroupVersions =
        All.Select(t => (t.Group, t.Version)).Distinct().ToList();

    private static readonly Dictionary<(string Group, string Version, string Plural), ResourceType> ByPlural =
        All.ToDictionary(t => (t.Group, t.Version, t.Plural));

    /// <summary>The type served at <c>/apis/{group}/{version}/{plural}</c>, or null.</summary>
    public static ResourceType? Find(string group, string version, string plural) =>
        ByPlural.GetValueOrDefault((group, version, plural));

    /// <summary>The type whose objects carry this apiVersion and kind, or null.</summary>
    public static ResourceType? FindByKind(string apiVersion, string kind) =>
        All.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);
}
