using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// The defaulting kube-apiserver applies while decoding, before admission sees the object: webhooks read
/// <c>spec.replicas: 1</c> on a Deployment created without replicas (<c>spec.suspend: false</c> on a CronJob or a Job), and so
/// must they here.
/// </summary>
public static class ObjectDefaults
{
    /// <summary>Fills apiVersion/kind and the defaults of the type, in place; idempotent.</summary>
    public static void Apply(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
        if (obj["metadata"] is not JsonObject)
        {
            obj["metadata"] = new JsonObject();
        }

        if (type == ResourceTypes.Deployments || type == ResourceTypes.StatefulSets || type == ResourceTypes.ReplicaSets)
        {
            var spec = Child(obj, "spec");
            spec["replicas"] ??= 1;
            spec["revisionHistoryLimit"] ??= 10;
            if (type == ResourceTypes.Deployments)
            {
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["maxSurge"] = "25%", ["maxUnavailable"] = "25%" },
                };
            }
            else if (type == ResourceTypes.StatefulSets)
            {
                spec["podManagementPolicy"] ??= "OrderedReady";
                spec["updateStrategy"] ??= new JsonObject
                {
                    ["type"] = "RollingUpdate",
                    ["rollingUpdate"] = new JsonObject { ["partition"] = 0 },
                };
            }
        }
        else if (type == ResourceTypes.CronJobs)
        {
            // kube-apiserver's SetDefaults_CronJob: a stored CronJob always carries spec.suspend, which is what lets a
            // stop test the value it read and a restore put back exactly that value.
            var spec = Child(obj, "spec");
            spec["suspend"] ??= false;
            spec["concurrencyPolicy"] ??= "Allow";
            spec["successfulJobsHistoryLimit"] ??= 3;
            spec["failedJobsHistoryLimit"] ??= 1;
        }
        else if (type == ResourceTypes.HorizontalPodAutoscalers)
        {
            // kube-apiserver's autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: minReplicas nil becomes 1.
            Child(obj, "spec")["minReplicas"] ??= 1;
        }
        else if (type == ResourceTypes.Jobs)
        {
            // kube-apiserver's SetDefaults_Job: spec.suspend false (so a suspend can test the value it read), one pod
            // at a time for one completion when neither is set, six retries, non-indexed completions.
            var spec = Child(obj, "spec");
            if (spec["completions"] is null && spec["parallelism"] is null)
            {
                spec["completions"] = 1;
            }

            spec["parallelism"] ??= 1;
            spec["backoffLimit"] ??= 6;
            spec["completionMode"] ??= "NonIndexed";
            spec["suspend"] ??= false;
        }
        else if (type == ResourceTypes.Namespaces)
        {
            Child(obj, "spec")["finalizers"] ??= new JsonArray("kubernetes");
            Child(obj, "status")["phase"] ??= "Active";
        }
        else if (type == ResourceTypes.Pods)
        {
            Child(obj, "status")["phase"] ??= "Pending";
        }
    }

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject child)
        {
            return child;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }
}
