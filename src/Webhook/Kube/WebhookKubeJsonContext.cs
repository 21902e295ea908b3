using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.KubeConfigModels;
using k8s.Models;

namespace Tarnfui.Webhook.Kube;

/// <summary>
/// JSON metadata, generated at build time, for exactly the KubernetesClient models the webhook's calls receive (the
/// namespace list and watch of <see cref="Namespaces.NamespaceWatcher"/>, the parent reads of /scale requests, exec
/// credential plugins, error Statuses) and every model those reach. The webhook process makes it KubernetesClient's
/// only resolver (<see cref="UseForKubernetesClient"/>).
/// </summary>
/// <remarks>
/// KubernetesClient's own resolver puts its generated context for all its models first, and a native executable keeps
/// whatever that context's one <c>GetTypeInfo</c> switch reaches: code and runtime type data for every model, loaded
/// into private memory at start. The native build replaces that switch with a throwing body
/// (<c>ILLink.Substitutions.xml</c>), which is safe because this context has taken its place before the first request.
/// Metadata mode only: KubernetesJson's options differ from the generator's, so the serialisation fast path would
/// never run.
/// </remarks>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(V1NamespaceList))]
[JsonSerializable(typeof(Watcher<V1Namespace>.WatchEvent))]
// KubernetesClient reads every watch line as these first, to tell an ERROR event's Status from an object.
[JsonSerializable(typeof(Watcher<KubernetesObject>.WatchEvent))]
[JsonSerializable(typeof(Watcher<V1Status>.WatchEvent))]
// A parent workload (Deployment, StatefulSet, Argo Rollout) comes back from the custom-object call as an untyped object
// (a JsonElement), read as it is (ParentWorkload.FromObject). No typed workload: its pod template would bring every
// container, volume and probe model into the native executable.
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(V1Status))]
[JsonSerializable(typeof(ExecCredentialResponse))]
internal sealed partial class WebhookKubeJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Makes this context the resolver of KubernetesClient's serializer options, for the whole process. Call it once,
    /// first thing: the options cannot change once a request has used them. A model outside the context then fails
    /// loudly (<see cref="NotSupportedException"/>) instead of going through reflection, which the native build
    /// cannot do for trimmed models. Hosts that run the webhook beside other programs in one process (the Sandbox)
    /// leave KubernetesClient's resolver as it is.
    /// </summary>
    public static void UseForKubernetesClient() => KubernetesJson.AddJsonOptions(Use);

    /// <summary>Points <paramref name="options"/> (KubernetesJson's, or a copy of them in tests) at this context.</summary>
    public static void Use(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TypeInfoResolver = Default;
    }
}
