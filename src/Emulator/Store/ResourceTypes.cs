namespace Tarnfui.Emulator.Store;

/// <summary>The built-in types the sandbox serves; custom resources join them in a <see cref="ResourceRegistry"/>.</summary>
public static class ResourceTypes
{
    public static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", "namespace", false, ["ns"], ["status", "finalize"], []);
    public static readonly ResourceType Pods = new("", "v1", "Pod", "pods", "pod", true, ["po"], ["status"], ["all"]);
    public static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", "configmap", true, ["cm"], [], []);
    public static readonly ResourceType CoreEvents = new("", "v1", "Event", "events", "event", true, ["ev"], [], []);
    public static readonly ResourceType Secrets = new("", "v1", "Secret", "secrets", "secret", true, [], [], []);
    public static readonly ResourceType ServiceAccounts = new("", "v1", "ServiceAccount", "serviceaccounts", "serviceaccount", true, ["sa"], [], []);
    public static readonly ResourceType Services = new("", "v1", "Service", "services", "service", true, ["svc"], ["status"], ["all"]);
    public static readonly ResourceType Deployments = new("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], ["scale", "status"], ["all"]);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "StatefulSet", "statefulsets", "statefulset", true, ["sts"], ["scale", "status"], ["all"]);
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, ["rs"], ["scale", "status"], ["all"]);
    public static readonly ResourceType DaemonSets = new("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, ["ds"], ["status"], ["all"]);
    public static readonly ResourceType Jobs = new("batch", "v1", "Job", "jobs", "job", true, [], ["status"], ["all"]);
    public static readonly ResourceType CronJobs = new("batch", "v1", "CronJob", "cronjobs", "cronjob", true, ["cj"], ["status"], ["all"]);
    public static readonly ResourceType HorizontalPodAutoscalers = new(
        "autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", "horizontalpodautoscaler", true, ["hpa"], ["status"], ["all"]);
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, [], [], []);
    public static readonly ResourceType Events = new("events.k8s.io", "v1", "Event", "events", "event", true, ["ev"], [], []);
    public static readonly ResourceType MutatingWebhookConfigurations = new(
        "admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations",
        "mutatingwebhookconfiguration", false, [], [], ["api-extensions"]);

    public static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "Role", "roles", "role", true, [], [], []);
    public static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", "clusterrole", false, [], [], []);
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", "rolebinding", true, [], [], []);
    public static readonly ResourceType ClusterRoleBindings = new(
        "rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", false, [], [], []);
    public static readonly ResourceType PodDisruptionBudgets = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "poddisruptionbudget", true, ["pdb"], ["status"], []);
    public static readonly ResourceType NetworkPolicies = new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", "networkpolicy", true, ["netpol"], [], []);
    public static readonly ResourceType CustomResourceDefinitions = new(
        "apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", "customresourcedefinition", false, ["crd", "crds"], ["status"], ["api-extensions"]);

    /// <summary>Every built-in type, in discovery order (the legacy core group first).</summary>
    public static readonly IReadOnlyList<ResourceType> All =
    [
        Namespaces, Pods, ConfigMaps, CoreEvents, Secrets, ServiceAccounts, Services, Deployments, StatefulSets, ReplicaSets, DaemonSets, Jobs, CronJobs,
        HorizontalPodAutoscalers, Leases, Events, MutatingWebhookConfigurations, Roles, ClusterRoles, RoleBindings, ClusterRoleBindings, PodDisruptionBudgets,
        NetworkPolicies, CustomResourceDefinitions,
    ];
}
