using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.KubeConfigModels;
using k8s.Models;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// JSON metadata, generated at build time, for exactly the KubernetesClient models the sweeper's calls send and
/// receive (<see cref="KubeApi"/>, the leader election's Lease, Events, exec credential plugins, error Statuses) and
/// every model those reach. The sweeper process makes it KubernetesClient's only resolver
/// (<see cref="UseForKubernetesClient"/>).
/// </summary>
/// <remarks>
/// KubernetesClient's own resolver puts its generated context for all ~900 models first, and a native executable
/// keeps whatever that context's one <c>GetTypeInfo</c> switch reaches: code and generic type instantiations for
/// every model, which the runtime rehydrates into private memory at start (docs/benchmarks.md). The native build replaces that
/// switch with a throwing body (<c>ILLink.Substitutions.xml</c>), which is safe because this context has taken its
/// place before the first request. Metadata mode only: KubernetesJson's options differ from the generator's, so the
/// serialisation fast path would never run.
/// </remarks>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(V1NamespaceList))]
// Deployments, StatefulSets and Argo Rollouts, CronJobs and Jobs, through the custom-object calls with the sweeper's own
// models of what it reads of them (KubernetesClient's models reach every pod model through their pod templates).
[JsonSerializable(typeof(TemplatedObject))]
[JsonSerializable(typeof(CronJobObjectList))]
[JsonSerializable(typeof(CronJobObject))]
[JsonSerializable(typeof(Watcher<CronJobObject>.WatchEvent))]
[JsonSerializable(typeof(JobObject))]
[JsonSerializable(typeof(V2HorizontalPodAutoscalerList))]
[JsonSerializable(typeof(V2HorizontalPodAutoscaler))]
[JsonSerializable(typeof(Watcher<V2HorizontalPodAutoscaler>.WatchEvent))]
// KEDA ScaledObjects (their own models) and the /scale of their targets.
[JsonSerializable(typeof(ScaledObjectList))]
[JsonSerializable(typeof(ScaledObjectResource))]
[JsonSerializable(typeof(Watcher<ScaledObjectResource>.WatchEvent))]
[JsonSerializable(typeof(V1Scale))]
[JsonSerializable(typeof(Watcher<V1Namespace>.WatchEvent))]
// KubernetesClient reads every watch line as these first, to tell an ERROR event's Status from an object.
[JsonSerializable(typeof(Watcher<KubernetesObject>.WatchEvent))]
[JsonSerializable(typeof(Watcher<V1Status>.WatchEvent))]
// Metadata-only lists and watches of any workload kind (stopped sets, owner views).
[JsonSerializable(typeof(MetadataObjectList))]
[JsonSerializable(typeof(MetadataObject))]
[JsonSerializable(typeof(Watcher<MetadataObject>.WatchEvent))]
// Discovery of optional APIs (ServedApis).
[JsonSerializable(typeof(V1APIResourceList))]
[JsonSerializable(typeof(V1Patch))]
[JsonSerializable(typeof(Eventsv1Event))]
[JsonSerializable(typeof(V1Lease))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(ExecCredentialResponse))]
// managedFields[].fieldsV1 is an untyped object, read as a JsonElement and written back with the Lease's renewals.
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SweeperJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Makes this context the resolver of KubernetesClient's serializer options, for the whole process. Call it once,
    /// first thing: the options cannot change once a request has used them. A model outside the context then fails
    /// loudly (<see cref="NotSupportedException"/>) instead of going through reflection, which the native build
    /// cannot do for trimmed models.
    /// </summary>
    public static void UseForKubernetesClient() => KubernetesJson.AddJsonOptions(Use);

    /// <summary>Points <paramref name="options"/> (KubernetesJson's, or a copy of them in tests) at this context.</summary>
    public static void Use(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = Default;
    }
}
