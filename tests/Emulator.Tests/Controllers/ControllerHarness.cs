using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Controllers;

/// <summary>The sandbox's real object store with the emulated controllers running on it, and typed helpers.</summary>
public sealed class ControllerHarness : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    public ControllerHarness(params string[] namespaces)
        : this(new ControllerOptions { Nodes = ["node-a", "node-b"] }, namespaces)
    {
    }

    public ControllerHarness(ControllerOptions options, params string[] namespaces)
    {
        Clock = new FakeClock(Instant.FromUtc(2026, 11, 23, 9, 0));
        Store = new ObjectStore(Clock);
        Adapter = new StoreControllerAdapter(Store);
        Controllers = new ClusterControllers(Adapter, Clock, options, Logger);
        Controllers.Start();
        foreach (var ns in namespaces)
        {
            Store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }
    }

    public FakeClock Clock { get; }

    public RecordingLogger<ClusterControllers> Logger { get; } = new();

    public ObjectStore Store { get; }

    public StoreControllerAdapter Adapter { get; }

    public ClusterControllers Controllers { get; }

    /// <summary>Waits for the controllers to settle and fails on any reconcile error they logged.</summary>
    public async Task SettledAsync()
    {
        await Controllers.SettledAsync(Bound);
        Logger.Problems.ShouldBeEmpty();
    }

    /// <summary>Moves the simulated clock on, lets the controllers see that time passed, and waits for them to settle.</summary>
    public async Task AdvanceAsync(Duration duration)
    {
        Clock.Advance(duration);
        Controllers.ScheduleTick();
        await SettledAsync();
    }

    public void Create<T>(ResourceType type, T item) => Store.Create(type, JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject());

    public void Update<T>(ResourceType type, string ns, string name, Action<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var item = Store.GetRequired(type, ns, name).As<T>();
        change(item);
        Store.Update(type, JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject());
    }

    public List<T> List<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta> => Adapter.List<T>(ns).ToList();

    public T Read<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> => Adapter.Read<T>(ns, name) ?? throw new InvalidOperationException($"{ns}/{name} is missing");

    public static V1PodTemplateSpec Template(string app, string image = "nginx:1.27") => new()
    {
        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = app } },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "main",
                    Image = image,
                    Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("64Mi") } },
                },
            ],
        },
    };

    public static V1Deployment Deployment(string ns, string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = Template(name),
        },
    };

    public async ValueTask DisposeAsync() => await Controllers.DisposeAsync();
}
