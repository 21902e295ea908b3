using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Seeding;

/// <summary>What a seeding wrote and how long it took.</summary>
public sealed record SeedResult(int Namespaces, int Workloads, int ReplicaSets, int Pods, TimeSpan Elapsed);

/// <summary>
/// Writes a <see cref="ClusterShape"/> straight into the <see cref="ObjectStore"/> in bulk, layer by layer —
/// namespaces, workloads, ReplicaSets, pods — because each layer's ownerReferences carry the uids the store gave
/// the layer before. Within a layer one thread builds batches while another stores them; batches are dropped once
/// stored, so memory stays bounded by what the store keeps.
/// </summary>
public static class StoreSeeder
{
    private const int BatchSize = 2_000;

    public static SeedResult Seed(ObjectStore store, ClusterShape shape, Instant now)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shape);
        var clock = Stopwatch.StartNew();
        var plans = ClusterSeeder.Workloads(shape);
        var objects = new SeedObjects(shape, now);
        var deploymentJson = new DeploymentJson(objects, shape);

        var namespaces = Write(store, ResourceTypes.Namespaces, ClusterSeeder.Namespaces(shape)
            .Where(n => store.Get(ResourceTypes.Namespaces, null, n.Name) is null)
            .Select(n => ToJson(SeedObjects.Namespace(n.Name, n.Annotations))));

        var deployments = plans.Where(p => p.Kind == SeedKind.Deployment).ToList();
        var hashes = new string[deployments.Count];
        var workloads = WriteBytes(store, ResourceTypes.Deployments, deployments.Select((p, i) => deploymentJson.Deployment(p, hashes[i] = deploymentJson.TemplateHash(p))));
        foreach (var group in plans.Where(p => p.Kind != SeedKind.Deployment).GroupBy(p => p.Kind))
        {
            workloads += Write(store, TypeOf(group.Key), group.Select(p => ToJson(objects.Workload(p))));
        }

        var replicaSets = WriteBytes(store, ResourceTypes.ReplicaSets, deployments.Select((p, i) => deploymentJson.ReplicaSet(p, hashes[i], UidOf(store, ResourceTypes.Deployments, p.Namespace, p.Name))));

        // Only running workloads have pods; their owners are read back for the uids the store assigned.
        var owners = deployments.Select((p, i) => (p, i)).Where(x => x.p.Replicas > 0).ToDictionary(x => (x.p.Namespace, x.p.Name), x => DeploymentJson.ReplicaSetName(x.p, hashes[x.i]));
        var pods = Write(store, ResourceTypes.Pods, plans.Where(p => p.Replicas > 0).SelectMany(p => objects.Pods(p, Owner(store, owners, p)).Select(ToJson)));
        return new SeedResult(namespaces, workloads, replicaSets, pods, clock.Elapsed);
    }

    private static IKubernetesObject<V1ObjectMeta> Owner(ObjectStore store, Dictionary<(string, string), string> replicaSets, WorkloadPlan plan) => plan.Kind switch
    {
        SeedKind.Deployment => store.GetRequired(ResourceTypes.ReplicaSets, plan.Namespace, replicaSets[(plan.Namespace, plan.Name)]).As<V1ReplicaSet>(),
        SeedKind.StatefulSet => store.GetRequired(ResourceTypes.StatefulSets, plan.Namespace, plan.Name).As<V1StatefulSet>(),
        SeedKind.DaemonSet => store.GetRequired(ResourceTypes.DaemonSets, plan.Namespace, plan.Name).As<V1DaemonSet>(),
        _ => store.GetRequired(ResourceTypes.Jobs, plan.Namespace, plan.Name).As<V1Job>(),
    };

    private static string UidOf(ObjectStore store, ResourceType type, string ns, string name) => store.GetRequired(type, ns, name).Uid;

    private static ResourceType TypeOf(SeedKind kind) => kind switch
    {
        SeedKind.Deployment => ResourceTypes.Deployments,
        SeedKind.StatefulSet => ResourceTypes.StatefulSets,
        SeedKind.DaemonSet => ResourceTypes.DaemonSets,
        SeedKind.CronJob => ResourceTypes.CronJobs,
        _ => ResourceTypes.Jobs,
    };

    private static JsonObject ToJson<T>(T item) => JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject();

    private static int Write(ObjectStore store, ResourceType type, IEnumerable<JsonObject> items) =>
        Pipeline(items, batch => store.CreateMany(type, batch));

    private static int WriteBytes(ObjectStore store, ResourceType type, IEnumerable<ReadOnlyMemory<byte>> items) =>
        Pipeline(items, batch => store.CreateMany(type, batch));

    // One thread builds the next batches (up to two ahead) while this one stores the current one.
    private static int Pipeline<T>(IEnumerable<T> items, Func<T[], int> store)
    {
        var batches = Channel.CreateBounded<T[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in items.Chunk(BatchSize))
                {
                    await batches.Writer.WriteAsync(batch);
                }

                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        });
        var written = 0;
        while (batches.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batches.Reader.TryRead(out var batch))
            {
                written += store(batch);
            }
        }

        producer.GetAwaiter().GetResult();
        return written;
    }
}
