using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.KubeConfigModels;
using k8s.Models;
using Tarnfui.Webhook.Kube;

namespace Tarnfui.Webhook.Tests.Kube;

/// <summary>
/// The webhook process reads KubernetesClient's models through <see cref="WebhookKubeJsonContext"/> alone, and the
/// native build has nothing else: a model it misses fails the call (the namespace watch, a parent read). These tests
/// use a copy of KubernetesJson's options pointed at the context, so KubernetesClient's process-wide options stay as
/// they are for the rest of the suite.
/// </summary>
public sealed class WebhookKubeJsonContextTests
{
    // The models the webhook's calls receive (NamespaceWatcher, exec credential plugins, error Statuses, and the two
    // shapes KubernetesClient's watch reads each line as first; a parent read receives a JsonElement), written down here
    // rather than read from the context's attributes so that a root dropped from the context fails this test.
    private static readonly Type[] Roots =
    [
        typeof(V1NamespaceList), typeof(Watcher<V1Namespace>.WatchEvent), typeof(Watcher<KubernetesObject>.WatchEvent), typeof(Watcher<V1Status>.WatchEvent),
        typeof(V1Status), typeof(ExecCredentialResponse),
    ];

    private static readonly JsonSerializerOptions ClientOptions = KubernetesClientOptions();

    private static readonly JsonSerializerOptions ContextOptions = WithContext(ClientOptions);

    public static TheoryData<string> ModelTypes() => [.. Closure().Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Every_model_the_webhook_receives_and_every_model_it_reaches_has_generated_metadata(string typeName)
    {
        var type = typeof(V1Pod).Assembly.GetType(typeName)!;

        ContextOptions.GetTypeInfo(type).Type.ShouldBe(type);
    }

    [Fact]
    public void A_model_outside_the_context_fails_loudly_instead_of_coming_back_empty()
    {
        var json = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"b"}}""";

        Should.Throw<NotSupportedException>(() => KubernetesJson.Deserialize<V1ConfigMap>(json, ContextOptions));
    }

    [Fact]
    public void A_namespace_list_and_watch_event_read_as_KubernetesClient_reads_them()
    {
        var list = """{"apiVersion":"v1","kind":"NamespaceList","metadata":{"resourceVersion":"40","continue":"next"},"items":[{"metadata":{"name":"shop","resourceVersion":"12","annotations":{"tarnfui.io/exclude":"true"}}}]}""";
        var line = """{"type":"MODIFIED","object":{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"shop","resourceVersion":"41","annotations":{"tarnfui.io/uptime":"always"}}}}""";

        var namespaces = KubernetesJson.Deserialize<V1NamespaceList>(list, ContextOptions);
        var change = KubernetesJson.Deserialize<Watcher<V1Namespace>.WatchEvent>(line, ContextOptions);

        namespaces.ShouldBeEquivalentTo(KubernetesJson.Deserialize<V1NamespaceList>(list, ClientOptions));
        namespaces.Metadata.ContinueProperty.ShouldBe("next");
        namespaces.Items.ShouldHaveSingleItem().Metadata.Annotations["tarnfui.io/exclude"].ShouldBe("true");
        change.Type.ShouldBe(WatchEventType.Modified);
        change.Object.Metadata.Annotations["tarnfui.io/uptime"].ShouldBe("always");
    }

    [Fact]
    public void An_ERROR_watch_event_carries_its_Status()
    {
        var line = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (40)","reason":"Expired","code":410}}""";

        KubernetesJson.Deserialize<Watcher<KubernetesObject>.WatchEvent>(line, ContextOptions).Object.Kind.ShouldBe("Status");
        KubernetesJson.Deserialize<Watcher<V1Status>.WatchEvent>(line, ContextOptions).Object.Code.ShouldBe(410);
    }

    [Fact]
    public void A_custom_object_reads_as_a_JSON_element()
    {
        var rollout = """{"apiVersion":"argoproj.io/v1alpha1","kind":"Rollout","metadata":{"name":"web"},"spec":{"replicas":4}}""";

        var body = KubernetesJson.Deserialize<object>(rollout, ContextOptions).ShouldBeOfType<JsonElement>();

        body.GetProperty("spec").GetProperty("replicas").GetInt32().ShouldBe(4);
    }

    private static JsonSerializerOptions KubernetesClientOptions()
    {
        JsonSerializerOptions? copy = null;
        KubernetesJson.AddJsonOptions(options => copy = new JsonSerializerOptions(options));
        return copy!;
    }

    private static JsonSerializerOptions WithContext(JsonSerializerOptions clientOptions)
    {
        var options = new JsonSerializerOptions(clientOptions);
        WebhookKubeJsonContext.Use(options);
        return options;
    }

    // Every KubernetesClient model reachable from the roots through property types, generic arguments and array elements.
    private static HashSet<Type> Closure()
    {
        var models = typeof(V1Pod).Assembly;
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(Roots);
        while (pending.TryDequeue(out var type))
        {
            if (type.IsArray)
            {
                pending.Enqueue(type.GetElementType()!);
            }
            else if (type.IsGenericType && type.Assembly != models)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Enqueue(argument);
                }
            }
            else if (type.Assembly == models && seen.Add(type) && !type.IsDefined(typeof(JsonConverterAttribute), inherit: false))
            {
                // A model with a converter of its own (IntOrString, ResourceQuantity) is read by it, not through its properties.
                foreach (var property in type.GetProperties().Where(p => !p.IsDefined(typeof(JsonIgnoreAttribute), inherit: true)))
                {
                    pending.Enqueue(property.PropertyType);
                }
            }
        }

        return seen;
    }
}
