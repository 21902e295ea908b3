using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Controllers;

/// <summary>The sandbox's <see cref="ObjectStore"/> as the controllers see it: typed objects and a change callback.</summary>
public sealed class StoreControllerAdapter(ObjectStore store) : IControllerStore
{
    private static readonly Dictionary<Type, ResourceType> Types = new()
    {
        [typeof(V1Namespace)] = ResourceTypes.Namespaces,
        [typeof(V1Pod)] = ResourceTypes.Pods,
        [typeof(V1Deployment)] = ResourceTypes.Deployments,
        [typeof(V1ReplicaSet)] = ResourceTypes.ReplicaSets,
        [typeof(V1StatefulSet)] = ResourceTypes.StatefulSets,
        [typeof(V1DaemonSet)] = ResourceTypes.DaemonSets,
        [typeof(V1Job)] = ResourceTypes.Jobs,
        [typeof(V1CronJob)] = ResourceTypes.CronJobs,
        [typeof(V2HorizontalPodAutoscaler)] = ResourceTypes.HorizontalPodAutoscalers,
    };

    public long ResourceVersion => store.ResourceVersion;

    public IReadOnlyList<T> List<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        TypeOf<T>() is { } type ? store.List(type, ns, ListQuery.All).Items.Select(o => o.As<T>()).ToList() : [];

    public T? Read<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        TypeOf<T>() is { } type ? store.Get(type, ns, name)?.As<T>() : null;

    public bool Create<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            store.Create(TypeOf<T>() ?? throw NotServed<T>(), ToJson(item));
            return true;
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }

    public bool Replace<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(item);
        try
        {
            store.Update(TypeOf<T>() ?? throw NotServed<T>(), ToJson(item), long.Parse(item.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }

    // The store bumps generation only when spec changes, so a status write through Update is a /status write.
    public bool ReplaceStatus<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta> => Replace(item);

    public bool Delete<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        try
        {
            store.Delete(TypeOf<T>() ?? throw NotServed<T>(), ns, name);
            return true;
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return false;
        }
    }

    public IDisposable Subscribe(Func<long, bool> wanted, Action<ObjectChange> onChange)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(onChange);
        var subscription = store.Subscribe(null);
        var stopping = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            await foreach (var change in subscription.Changes.ReadAllAsync(stopping.Token))
            {
                var item = change.Item;
                if (!wanted(change.ResourceVersion))
                {
                    onChange(new ObjectChange(item.Type.Kind, item.Namespace, item.Name, null, change.Type == StoreChangeType.Deleted, change.ResourceVersion) { Ignored = true });
                    continue;
                }

                // Only pods, ReplicaSets and Jobs wake their controller (a finished Job is its CronJob's news: its active
                // list and history); other kinds need no metadata parse.
                var owned = item.Type == ResourceTypes.Pods || item.Type == ResourceTypes.ReplicaSets || item.Type == ResourceTypes.Jobs;
                var controller = owned ? ControllerOf(item.MetadataJson) : null;
                onChange(new ObjectChange(item.Type.Kind, item.Namespace, item.Name, controller, change.Type == StoreChangeType.Deleted, change.ResourceVersion));
            }
        });
        return new Subscription(subscription, stopping, reader);
    }

    // Custom resources the controllers act on, served only while their CRD is installed.
    private static readonly Dictionary<Type, (string Group, string Version, string Plural)> CustomTypes = new()
    {
        [typeof(ArgoRollout)] = (ArgoRollout.Group, ArgoRollout.Version, ArgoRollout.Plural),
    };

    // A custom type whose CRD is not installed is null: nothing to read, list or write.
    private ResourceType? TypeOf<T>() =>
        Types.TryGetValue(typeof(T), out var type) ? type
        : CustomTypes.TryGetValue(typeof(T), out var custom) ? store.Types.Find(custom.Group, custom.Version, custom.Plural)
        : throw new NotSupportedException($"the controllers do not handle {typeof(T).Name}");

    // As the API server answers for a resource it does not serve; the write methods turn it into false.
    private static StatusException NotServed<T>() => new(404, "NotFound", $"the server could not find the requested resource ({typeof(T).Name})");

    private static JsonObject ToJson<T>(T item) => JsonNode.Parse(KubernetesJson.Serialize(item))!.AsObject();

    private static V1OwnerReference? ControllerOf(ReadOnlyMemory<byte> metadata)
    {
        using var document = JsonDocument.Parse(metadata);
        if (!document.RootElement.TryGetProperty("ownerReferences", out var references))
        {
            return null;
        }

        foreach (var reference in references.EnumerateArray())
        {
            if (reference.TryGetProperty("controller", out var controller) && controller.ValueKind == JsonValueKind.True)
            {
                return new V1OwnerReference
                {
                    ApiVersion = reference.GetProperty("apiVersion").GetString(),
                    Kind = reference.GetProperty("kind").GetString(),
                    Name = reference.GetProperty("name").GetString(),
                    Uid = reference.GetProperty("uid").GetString(),
                    Controller = true,
                };
            }
        }

        return null;
    }

    private sealed class Subscription(StoreSubscription subscription, CancellationTokenSource stopping, Task reader) : IDisposable
    {
        public void Dispose()
        {
            stopping.Cancel();
            subscription.Dispose();
            try
            {
                reader.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException e) when (e.InnerException is OperationCanceledException)
            {
                // The reader ends by cancellation.
            }

            stopping.Dispose();
        }
    }
}
