using static Tarnfui.Emulator.Api.Protobuf.ProtoFieldKind;

namespace Tarnfui.Emulator.Api.Protobuf;

/// <summary>
/// The field numbers (from k8s.io/api and apimachinery's generated.proto) of the messages kubectl's typed generators
/// send — <c>kubectl create namespace|deployment|configmap</c> and <c>kubectl run</c> — and the Secret helm keeps a
/// release in, with the DeleteOptions of its purge (its typed client sends protobuf), and nothing more: a field outside this
/// table is refused by name rather than dropped, so nothing a client sent is silently lost.
/// </summary>
public static class ProtoSchema
{
    /// <summary>The top-level kinds decoded, by apiVersion and kind, with their message.</summary>
    public static readonly IReadOnlyDictionary<(string ApiVersion, string Kind), string> Kinds = new Dictionary<(string, string), string>
    {
        [("v1", "Namespace")] = "Namespace",
        [("v1", "Pod")] = "Pod",
        [("v1", "ConfigMap")] = "ConfigMap",
        [("v1", "Secret")] = "Secret",
        [("v1", "DeleteOptions")] = "DeleteOptions",
        [("apps/v1", "Deployment")] = "Deployment",
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, ProtoField>> Messages = new Dictionary<string, IReadOnlyDictionary<int, ProtoField>>
    {
        ["ObjectMeta"] = Fields(
            (1, new("name", Text)), (2, new("generateName", Text)), (3, new("namespace", Text)), (4, new("selfLink", Text)),
            (5, new("uid", Text)), (6, new("resourceVersion", Text)), (7, new("generation", Number)), (8, new("creationTimestamp", Time)),
            (9, new("deletionTimestamp", Time)), (10, new("deletionGracePeriodSeconds", Number, KeepsZero: true)), (11, new("labels", TextMap)),
            (12, new("annotations", TextMap)), (13, new("ownerReferences", Message, "OwnerReference", Repeated: true)),
            (14, new("finalizers", Text, Repeated: true))),
        ["OwnerReference"] = Fields(
            (1, new("kind", Text)), (3, new("name", Text)), (4, new("uid", Text)), (5, new("apiVersion", Text)),
            (6, new("controller", Flag, KeepsZero: true)), (7, new("blockOwnerDeletion", Flag, KeepsZero: true))),
        ["LabelSelector"] = Fields((1, new("matchLabels", TextMap)), (2, new("matchExpressions", Message, "LabelSelectorRequirement", Repeated: true))),
        ["LabelSelectorRequirement"] = Fields((1, new("key", Text)), (2, new("operator", Text)), (3, new("values", Text, Repeated: true))),
        ["Namespace"] = Fields((1, new("metadata", Message, "ObjectMeta")), (2, new("spec", Message, "NamespaceSpec")), (3, new("status", Ignored))),
        ["ConfigMap"] = Fields(
            (1, new("metadata", Message, "ObjectMeta")), (2, new("data", TextMap)), (3, new("binaryData", BytesMap)), (4, new("immutable", Flag, KeepsZero: true))),
        ["Secret"] = Fields(
            (1, new("metadata", Message, "ObjectMeta")), (2, new("data", BytesMap)), (3, new("type", Text)), (4, new("stringData", TextMap)),
            (5, new("immutable", Flag, KeepsZero: true))),
        ["DeleteOptions"] = Fields(
            (1, new("gracePeriodSeconds", Number, KeepsZero: true)), (2, new("preconditions", Message, "Preconditions")),
            (3, new("orphanDependents", Flag, KeepsZero: true)), (4, new("propagationPolicy", Text)), (5, new("dryRun", Text, Repeated: true))),
        ["Preconditions"] = Fields((1, new("uid", Text)), (2, new("resourceVersion", Text))),
        ["NamespaceSpec"] = Fields((1, new("finalizers", Text, Repeated: true))),
        ["Pod"] = Fields((1, new("metadata", Message, "ObjectMeta")), (2, new("spec", Message, "PodSpec")), (3, new("status", Ignored))),
        ["PodTemplateSpec"] = Fields((1, new("metadata", Message, "ObjectMeta")), (2, new("spec", Message, "PodSpec"))),
        ["PodSpec"] = Fields(
            (2, new("containers", Message, "Container", Repeated: true)), (3, new("restartPolicy", Text)),
            (4, new("terminationGracePeriodSeconds", Number, KeepsZero: true)), (5, new("activeDeadlineSeconds", Number, KeepsZero: true)),
            (6, new("dnsPolicy", Text)), (7, new("nodeSelector", TextMap)), (8, new("serviceAccountName", Text)),
            (9, new("serviceAccount", Text)), (10, new("nodeName", Text)), (11, new("hostNetwork", Flag)), (12, new("hostPID", Flag)),
            (13, new("hostIPC", Flag)), (15, new("imagePullSecrets", Message, "LocalObjectReference", Repeated: true)),
            (16, new("hostname", Text)), (17, new("subdomain", Text)), (19, new("schedulerName", Text)),
            (20, new("initContainers", Message, "Container", Repeated: true)), (21, new("automountServiceAccountToken", Flag, KeepsZero: true)),
            (24, new("priorityClassName", Text)), (25, new("priority", Number, KeepsZero: true)), (27, new("shareProcessNamespace", Flag, KeepsZero: true)),
            (29, new("runtimeClassName", Text, KeepsZero: true)), (30, new("enableServiceLinks", Flag, KeepsZero: true)),
            (31, new("preemptionPolicy", Text, KeepsZero: true)), (35, new("setHostnameAsFQDN", Flag, KeepsZero: true)), (37, new("hostUsers", Flag, KeepsZero: true))),
        ["LocalObjectReference"] = Fields((1, new("name", Text))),
        ["Container"] = Fields(
            (1, new("name", Text)), (2, new("image", Text)), (3, new("command", Text, Repeated: true)), (4, new("args", Text, Repeated: true)),
            (5, new("workingDir", Text)), (6, new("ports", Message, "ContainerPort", Repeated: true)), (7, new("env", Message, "EnvVar", Repeated: true)),
            (8, new("resources", Message, "ResourceRequirements")), (13, new("terminationMessagePath", Text)), (14, new("imagePullPolicy", Text)),
            (16, new("stdin", Flag)), (17, new("stdinOnce", Flag)), (18, new("tty", Flag)), (20, new("terminationMessagePolicy", Text)),
            (24, new("restartPolicy", Text, KeepsZero: true))),

        // containerPort has no omitempty in Go: a zero is written, as the API server would.
        ["ContainerPort"] = Fields(
            (1, new("name", Text)), (2, new("hostPort", Number)), (3, new("containerPort", Number, KeepsZero: true)), (4, new("protocol", Text)), (5, new("hostIP", Text))),
        ["EnvVar"] = Fields((1, new("name", Text)), (2, new("value", Text))),
        ["ResourceRequirements"] = Fields((1, new("limits", QuantityMap)), (2, new("requests", QuantityMap))),
        ["Deployment"] = Fields((1, new("metadata", Message, "ObjectMeta")), (2, new("spec", Message, "DeploymentSpec")), (3, new("status", Ignored))),
        ["DeploymentSpec"] = Fields(
            (1, new("replicas", Number, KeepsZero: true)), (2, new("selector", Message, "LabelSelector")), (3, new("template", Message, "PodTemplateSpec")),
            (4, new("strategy", Message, "DeploymentStrategy")), (5, new("minReadySeconds", Number)), (6, new("revisionHistoryLimit", Number, KeepsZero: true)),
            (7, new("paused", Flag)), (9, new("progressDeadlineSeconds", Number, KeepsZero: true))),
        ["DeploymentStrategy"] = Fields((1, new("type", Text)), (2, new("rollingUpdate", Message, "RollingUpdateDeployment"))),
        ["RollingUpdateDeployment"] = Fields((1, new("maxUnavailable", IntOrString)), (2, new("maxSurge", IntOrString))),
    };

    private static Dictionary<int, ProtoField> Fields(params (int Number, ProtoField Field)[] fields) =>
        fields.ToDictionary(f => f.Number, f => f.Field);
}
