using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>Admission requests as the API server builds them, for the decider tests.</summary>
internal static class Requests
{
    public const string Namespace = "shop";
    public const string Name = "api";
    public const string Person = "alice@example.com";
    public static readonly string Sweeper = WebhookOptions.DefaultSweeperUsername;

    /// <summary>Argo Rollouts' resource: the one workload resource here outside <c>apps/v1</c>.</summary>
    public const string Rollouts = "rollouts";

    public static AdmissionRequest Workload(
        string operation,
        int? replicas,
        int? oldReplicas = null,
        Dictionary<string, string>? annotations = null,
        Dictionary<string, string>? labels = null,
        Dictionary<string, string>? oldAnnotations = null,
        Dictionary<string, string>? oldLabels = null,
        string user = Person,
        string resource = "deployments",
        string @namespace = Namespace,
        bool operatorOwned = false,
        bool dryRun = false) => new()
        {
            Uid = Guid.NewGuid().ToString(),
            Resource = new GroupVersionResource { Group = GroupOf(resource), Resource = resource },
            Name = Name,
            Namespace = @namespace,
            Operation = operation,
            UserInfo = new UserInfo { Username = user },
            DryRun = dryRun,
            NewObject = operation == "DELETE" ? null : Object(replicas, annotations, labels, operatorOwned),
            OldObject = operation == "CREATE" ? null : Object(oldReplicas, oldAnnotations ?? annotations, oldLabels ?? labels, operatorOwned),
        };

    public static AdmissionRequest Scale(int? replicas, int? oldReplicas, string user = Person, string resource = "deployments", string @namespace = Namespace, string operation = "UPDATE") => new()
    {
        Uid = Guid.NewGuid().ToString(),
        Resource = new GroupVersionResource { Group = GroupOf(resource), Resource = resource },
        SubResource = "scale",
        Name = Name,
        Namespace = @namespace,
        Operation = operation,
        UserInfo = new UserInfo { Username = user },
        NewObject = new KubeObject { Metadata = new ObjectMetadata { Name = Name }, Spec = new WorkloadSpec { Replicas = replicas } },
        OldObject = new KubeObject { Metadata = new ObjectMetadata { Name = Name }, Spec = new WorkloadSpec { Replicas = oldReplicas } },
    };

    /// <summary>A CronJob request; a null <paramref name="suspend"/> is a spec without the field.</summary>
    public static AdmissionRequest CronJob(
        string operation,
        bool? suspend,
        bool? oldSuspend = null,
        Dictionary<string, string>? annotations = null,
        Dictionary<string, string>? labels = null,
        Dictionary<string, string>? oldAnnotations = null,
        Dictionary<string, string>? oldLabels = null,
        string user = Person,
        string @namespace = Namespace)
    {
        var request = Workload(operation, null, null, annotations, labels, oldAnnotations, oldLabels, user, "cronjobs", @namespace);
        request.Resource = new GroupVersionResource { Group = "batch", Resource = "cronjobs" };
        request.NewObject?.Spec = new WorkloadSpec { Suspend = suspend };
        request.OldObject?.Spec = new WorkloadSpec { Suspend = oldSuspend };
        return request;
    }

    /// <summary>A Job request; <paramref name="ownedByCronJob"/> gives it the controller reference its CronJob writes.</summary>
    public static AdmissionRequest Job(
        string operation, bool? suspend, bool? oldSuspend = null, Dictionary<string, string>? annotations = null, string user = Person, bool ownedByCronJob = false)
    {
        var request = Workload(operation, null, null, annotations, null, null, null, user, "jobs", Namespace);
        request.Resource = new GroupVersionResource { Group = "batch", Resource = "jobs" };
        request.NewObject?.Spec = new WorkloadSpec { Suspend = suspend };
        request.OldObject?.Spec = new WorkloadSpec { Suspend = oldSuspend };
        if (ownedByCronJob && request.NewObject?.Metadata is { } metadata)
        {
            metadata.OwnerReferences = [new OwnerReference { Controller = true }];
        }

        return request;
    }

    private static KubeObject Object(int? replicas, Dictionary<string, string>? annotations, Dictionary<string, string>? labels, bool operatorOwned) => new()
    {
        Metadata = new ObjectMetadata
        {
            Name = Name,
            Annotations = annotations is null ? null : new Dictionary<string, string>(annotations),
            Labels = labels is null ? null : new Dictionary<string, string>(labels),
            OwnerReferences = operatorOwned ? [new OwnerReference { Controller = true }] : null,
        },
        Spec = new WorkloadSpec { Replicas = replicas },
    };

    private static string GroupOf(string resource) => resource == Rollouts ? "argoproj.io" : "apps";
}
