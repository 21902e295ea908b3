using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.KubeConfigModels;
using k8s.Models;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Tests.Kube;

/// <summary>
/// The sweeper process serialises KubernetesClient's models through <see cref="SweeperJsonContext"/> alone, and the
/// native build has nothing else: a model it misses fails the call, and one it read differently from KubernetesClient's
/// own resolver would change what the sweeper writes. These tests use a copy of KubernetesJson's options pointed at the
/// context, so KubernetesClient's process-wide options stay as they are for the rest of the suite.
/// </summary>
public sealed class SweeperJsonContextTests
{
    // What the sweeper's calls send or receive (Kube/KubeApi, EventRecorder, the leader election's LeaseLock, exec
    // credential plugins, error Statuses, and the two shapes KubernetesClient's watch reads each line as before the
    // watched type), written down here rather than read from the context's attributes so that a
    // root dropped from the context fails this test.
    private static readonly Type[] Roots =
    [
        typeof(MetadataObjectList), typeof(MetadataObject), typeof(Watcher<MetadataObject>.WatchEvent), typeof(V1NamespaceList),
        typeof(TemplatedObject), typeof(CronJobObjectList), typeof(Watcher<CronJobObject>.WatchEvent), typeof(JobObject),
        typeof(Watcher<V1Namespace>.WatchEvent), typeof(Watcher<KubernetesObject>.WatchEvent), typeof(Watcher<V1Status>.WatchEvent), typeof(V1Patch), typeof(Eventsv1Event), typeof(V1Lease), typeof(V1Status),
        typeof(ExecCredentialResponse),
    ];

    private static readonly JsonSerializerOptions ClientOptions = KubernetesClientOptions();

    private static readonly JsonSerializerOptions ContextOptions = WithContext(ClientOptions);

    public static TheoryData<string> ModelTypes() => [.. Closure().Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Every_model_the_sweeper_sends_or_receives_and_every_model_they_reach_has_generated_metadata(string typeName)
    {
        var type = Closure().Single(t => t.FullName == typeName);

        ContextOptions.GetTypeInfo(type).Type.ShouldBe(type);
    }

    [Fact]
    public void A_model_outside_the_context_fails_loudly_instead_of_coming_back_empty()
    {
        var json = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"a":"b"}}""";

        Should.Throw<NotSupportedException>(() => KubernetesJson.Deserialize<V1ConfigMap>(json, ContextOptions));
    }

    public static TheoryData<Type, string> Documents() => new()
    {
        { typeof(MetadataObject), KubernetesDocuments.ReplicaSetMetadata },
        { typeof(MetadataObjectList), KubernetesDocuments.PodMetadataList },
        { typeof(V1NamespaceList), KubernetesDocuments.NamespaceList },
        { typeof(Eventsv1Event), KubernetesDocuments.Event },
        { typeof(V1Lease), KubernetesDocuments.Lease },
        { typeof(Watcher<MetadataObject>.WatchEvent), KubernetesDocuments.DeploymentWatchEvent },
        { typeof(ExecCredentialResponse), KubernetesDocuments.ExecCredential },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_document_read_and_written_through_the_context_comes_out_as_KubernetesClient_writes_it(Type type, string json)
    {
        var throughContext = RoundTrip(json, type, ContextOptions);

        throughContext.ShouldBe(RoundTrip(json, type, ClientOptions));
        throughContext.Length.ShouldBeGreaterThan(json.Length / 2, "a model read without its members would come out nearly empty");
    }

    [Fact]
    public void What_the_sweeper_reads_from_a_Deployment_survives_the_context()
    {
        var deployment = KubernetesJson.Deserialize<TemplatedObject>(KubernetesDocuments.Deployment, ContextOptions);

        deployment.Spec!.Replicas.ShouldBe(3);
        deployment.Metadata.Annotations["tarnfui.io/original-replicas"].ShouldBe("3");
        deployment.Metadata.OwnerReferences.ShouldBeNull();
        deployment.Spec.Template!.Spec!.Containers![0].Resources!.Requests["cpu"].ToString().ShouldBe("250m");
        deployment.Metadata.CreationTimestamp.ShouldBe(new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc));
    }

    public static TheoryData<string> TemplatedDocuments() => [KubernetesDocuments.Deployment, KubernetesDocuments.StatefulSet];

    // The sweeper's own model of a Deployment or StatefulSet against KubernetesClient's whole one, read from the same
    // document: the same metadata, count and requests.
    [Theory]
    [MemberData(nameof(TemplatedDocuments))]
    public void A_workload_read_through_the_sweeper_s_model_has_the_metadata_count_and_requests_KubernetesClient_reads(string json)
    {
        var read = KubernetesJson.Deserialize<TemplatedObject>(json, ContextOptions);
        var whole = KubernetesJson.Deserialize<V1Deployment>(json, ClientOptions);

        KubernetesJson.Serialize(read.Metadata, ContextOptions).ShouldBe(KubernetesJson.Serialize(whole.Metadata, ClientOptions));
        read.Spec!.Replicas.ShouldBe(whole.Spec.Replicas);
        read.Spec.Template!.Spec!.Containers!.Select(c => c.Resources?.Requests?.ToDictionary(r => r.Key, r => r.Value.ToString()))
            .ShouldBe(whole.Spec.Template.Spec.Containers.Select(c => c.Resources?.Requests?.ToDictionary(r => r.Key, r => r.Value.ToString())));
    }

    [Fact]
    public void A_Job_read_through_the_sweeper_s_model_has_its_suspend_and_conditions()
    {
        var json = """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"report","namespace":"shop","uid":"u","resourceVersion":"7"},
             "spec":{"suspend":true,"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"r","image":"r:1"}]}}},
             "status":{"conditions":[{"type":"Complete","status":"True","lastTransitionTime":"2026-11-20T08:00:00Z"}]}}
            """;

        var job = KubernetesJson.Deserialize<JobObject>(json, ContextOptions);

        job.Spec!.Suspend.ShouldBe(true);
        job.Status!.Conditions!.ShouldHaveSingleItem().Type.ShouldBe("Complete");
    }

    [Fact]
    public void A_CronJob_watch_line_reads_with_its_suspend()
    {
        var line = """
            {"type":"ADDED","object":{"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly","namespace":"shop","resourceVersion":"3"},
             "spec":{"schedule":"0 2 * * *","suspend":false,"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"n","image":"n:1"}]}}}}}}}
            """;

        var watchEvent = KubernetesJson.Deserialize<Watcher<CronJobObject>.WatchEvent>(line, ContextOptions);

        watchEvent.Type.ShouldBe(WatchEventType.Added);
        watchEvent.Object.Spec!.Suspend.ShouldBe(false);
    }

    // KubernetesClient's V1Status converter cannot write (it throws NotImplementedException): a Status is only read.
    [Fact]
    public void An_error_Status_reads_as_KubernetesClient_reads_it()
    {
        var status = KubernetesJson.Deserialize<V1Status>(KubernetesDocuments.Status, ContextOptions);

        status.ShouldBeEquivalentTo(KubernetesJson.Deserialize<V1Status>(KubernetesDocuments.Status, ClientOptions));
        status.Code.ShouldBe(409);
        status.Details.Causes.ShouldHaveSingleItem().Field.ShouldBe("spec.replicas");
    }

    [Fact]
    public void A_JSON_Patch_goes_out_as_its_operations()
    {
        var patch = new V1Patch("""[{"op":"test","path":"/spec/replicas","value":3},{"op":"replace","path":"/spec/replicas","value":0}]""", V1Patch.PatchType.JsonPatch);

        KubernetesJson.Serialize(patch, ContextOptions).ShouldBe(KubernetesJson.Serialize(patch, ClientOptions));
    }

    [Fact]
    public void A_watch_line_reads_as_KubernetesClient_first_reads_it_and_an_ERROR_event_carries_its_Status()
    {
        var line = """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (40)","reason":"Expired","code":410}}""";

        KubernetesJson.Deserialize<Watcher<KubernetesObject>.WatchEvent>(line, ContextOptions).Object.Kind.ShouldBe("Status");
        KubernetesJson.Deserialize<Watcher<V1Status>.WatchEvent>(line, ContextOptions).Object.Code.ShouldBe(410);
        KubernetesJson.Deserialize<Watcher<KubernetesObject>.WatchEvent>(KubernetesDocuments.DeploymentWatchEvent, ContextOptions).Object.Kind.ShouldBe("PartialObjectMetadata");
    }

    [Fact]
    public void A_watch_event_names_its_type_and_carries_the_object()
    {
        var watchEvent = KubernetesJson.Deserialize<Watcher<MetadataObject>.WatchEvent>(KubernetesDocuments.DeploymentWatchEvent, ContextOptions);

        watchEvent.Type.ShouldBe(WatchEventType.Modified);
        watchEvent.Object.Metadata.Name.ShouldBe("api");
    }

    private static string RoundTrip(string json, Type type, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize(json, options.GetTypeInfo(type)), options.GetTypeInfo(type));

    private static JsonSerializerOptions KubernetesClientOptions()
    {
        JsonSerializerOptions? copy = null;
        KubernetesJson.AddJsonOptions(options => copy = new JsonSerializerOptions(options));
        return copy!;
    }

    private static JsonSerializerOptions WithContext(JsonSerializerOptions clientOptions)
    {
        var options = new JsonSerializerOptions(clientOptions);
        SweeperJsonContext.Use(options);
        return options;
    }

    // Every KubernetesClient model reachable from the roots through property types, generic arguments and array elements,
    // the sweeper's own models walked through on the way.
    private static HashSet<Type> Closure()
    {
        var models = typeof(V1Pod).Assembly;
        var own = typeof(SweeperJsonContext).Assembly;
        var seen = new HashSet<Type>();
        var walked = new HashSet<Type>();
        var pending = new Queue<Type>(Roots);
        while (pending.TryDequeue(out var type))
        {
            if (type.IsArray)
            {
                pending.Enqueue(type.GetElementType()!);
            }
            else if (type.Assembly == own && walked.Add(type))
            {
                foreach (var property in type.GetProperties().Where(p => !p.IsDefined(typeof(JsonIgnoreAttribute), inherit: true)))
                {
                    pending.Enqueue(property.PropertyType);
                }
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
                // A model with a converter of its own (IntOrString, ResourceQuantity, V1Patch) is written by it, not
                // through its properties.
                foreach (var property in type.GetProperties().Where(p => !p.IsDefined(typeof(JsonIgnoreAttribute), inherit: true)))
                {
                    pending.Enqueue(property.PropertyType);
                }
            }
        }

        return seen;
    }
}
