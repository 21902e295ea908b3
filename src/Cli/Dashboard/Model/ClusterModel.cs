using k8s.Autorest;
using k8s.Models;
using NodaTime;
using Tarnfui.Cli.Cluster;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Watching;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// What the dashboard knows of the cluster: <c>status</c>'s reads made once, then kept current by watches (Core's
/// reflector: list, watch from the list's resourceVersion, resume a closed watch, list again on 410 Gone or after a
/// backoff). Every page renders from here; no page view reads the API server, except a workload's own page.
/// </summary>
internal sealed class ClusterModel : IAsyncDisposable
{
    private readonly WorkloadApi _api;
    private readonly string? _scope;
    private readonly ChangeFeed _feed;
    private readonly Reflector<V1ObjectMeta, NamespaceInfo> _namespaces;
    private readonly List<Reflector<HeldWorkload, HeldWorkload>> _held = [];
    private readonly Reflector<HeldScaledObject, HeldScaledObject> _scaledObjects;
    private readonly Reflector<Workload, Workload> _cronJobs;
    private readonly Reflector<Workload, Workload> _jobs;
    private readonly List<TaskCompletionSource> _firstLists = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private volatile string? _cronJobsDenied;

    public ClusterModel(WorkloadApi api, string? scope, ChangeFeed feed)
    {
        _api = api;
        _scope = scope;
        _feed = feed;
        var client = api.Client;
        _namespaces = new(Notifying(ModelSources.Namespaces(client, scope)), (m, _) => NamespaceInfo.Of(m), Options<NamespaceInfo>("namespaces"));
        foreach (var kind in new[] { WorkloadKind.Deployment, WorkloadKind.StatefulSet })
        {
            _held.Add(new(Notifying(ModelSources.Held(client, kind, scope)), (w, _) => w, Options<HeldWorkload>(kind.Plural)));
        }

        _held.Add(new(Notifying(ModelSources.HeldRollouts(client, scope)), (w, _) => w, Options<HeldWorkload>(WorkloadKind.Rollout.Plural, notServedIsNone: true)));

        _scaledObjects = new(Notifying(HeldScaledObjects.Source(api, scope)), (s, _) => s, Options<HeldScaledObject>(WellKnown.Keda.ScaledObjects, notServedIsNone: true));
        _cronJobs = new(Notifying(ModelSources.CronJobs(client, scope)), (w, _) => w, Options<Workload>("cronjobs", denied: true));
        _jobs = new(Notifying(ModelSources.HeldJobs(client, scope)), (w, _) => w, Options<Workload>("jobs"));
    }

    /// <summary>The global policy, read once from Tarnfui's ConfigMap at start.</summary>
    public ClusterPolicy Policy { get; private set; } = null!;

    /// <summary>The namespace shown, or null for all of them.</summary>
    public string? Scope => _scope;

    /// <summary>Reads the policy, starts every reflector and returns once each has listed (a failed first list throws).</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = await ClusterPolicy.LoadAsync(_api, PolicyOverrides.None, cancellationToken);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException(loaded.Error);
        }

        Policy = loaded.Value;
        Start(_namespaces);
        _held.ForEach(Start);
        Start(_scaledObjects);
        Start(_cronJobs);
        Start(_jobs);
        await Task.WhenAll(_firstLists.Select(t => t.Task)).WaitAsync(cancellationToken);
    }

    /// <summary>The namespaces in scope and their annotations.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>?> Namespaces =>
        _namespaces.Items.ToDictionary(n => n.Name, n => (IReadOnlyDictionary<string, string>?)n.Annotations, StringComparer.Ordinal);

    /// <summary>What status reads, as the watches last left it, with the paused ScaledObjects decided at <paramref name="now"/>.</summary>
    public StatusInputs Inputs(Instant now)
    {
        var namespaces = Namespaces;
        return new(
            _scope,
            Policy.Source,
            namespaces,
            [.. _held.SelectMany(r => r.Items).Select(h => h.Workload).Where(w => w.IsStopped)],
            [.. _scaledObjects.Items.Select(s => s.Row(Policy.Resolver, namespaces.GetValueOrDefault(s.ScaledObject.Namespace), now)).OfType<HeldDown>()],
            [.. _cronJobs.Items],
            [.. _jobs.Items.Where(w => w.IsStopped)],
            _cronJobsDenied);
    }

    /// <summary>The status report at <paramref name="now"/>.</summary>
    public StatusReport Report(Instant now) => Inputs(now).Assemble(Policy.Resolver, now);

    /// <summary>
    /// The CPU and memory requests the held workloads and paused ScaledObjects' targets would make if they ran, now and
    /// since each was stopped; those whose pod template is not read (Argo Rollouts) are counted as unknown.
    /// </summary>
    public RequestsSaved Saved(Instant now)
    {
        var workloads = _held.SelectMany(r => r.Items).Where(h => h.Workload.IsStopped)
            .Select(h => new RequestsSaved.Held(h.PerReplica, h.Workload.Stopped?.OriginalReplicas, h.Workload.Stopped?.StoppedAt));
        var scaledObjects = _scaledObjects.Items.Where(s => s.ScaledObject.Target is not null)
            .Select(s => s.ScaledObject.Record is { IsValid: true, Value: { } paused }
                ? new RequestsSaved.Held(s.TargetPerReplica, paused.TargetReplicas, paused.PausedAt)
                : new RequestsSaved.Held(null, null, null));
        return RequestsSaved.Sum(workloads.Concat(scaledObjects), now);
    }

    /// <summary>A held workload as the model knows it, or null.</summary>
    public Workload? Held(WorkloadRef workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return _held.Select(r => r.Get(workload.Namespace, workload.Name)?.Workload)
            .Concat(new[] { _cronJobs, _jobs }.Select(r => r.Get(workload.Namespace, workload.Name)))
            .FirstOrDefault(w => w?.Ref.Kind == workload.Kind);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private void Start<TRaw, T>(Reflector<TRaw, T> reflector)
        where T : class => _loops.Add(Task.Run(() => reflector.RunAsync(_stopping.Token)));

    // Each watch event is applied to the store when the watcher asks for the next one: the feed moves only then,
    // so a page fetched because of the push already shows the change.
    private ListWatch<TRaw> Notifying<TRaw>(ListWatch<TRaw> source) => new()
    {
        List = source.List,
        Watch = source.Watch is { } watch ? (version, connected, ct) => Announced(watch(version, connected, ct)) : null,
        Key = source.Key,
        Version = source.Version,
        IsExpired = source.IsExpired,
    };

    private async IAsyncEnumerable<WatchChange<TRaw>> Announced<TRaw>(IAsyncEnumerable<WatchChange<TRaw>> changes)
    {
        await foreach (var change in changes)
        {
            yield return change;
            if (change.Type != ChangeType.Bookmark)
            {
                _feed.Bump();
            }
        }
    }

    private ReflectorOptions<T> Options<T>(string what, bool denied = false, bool notServedIsNone = false)
        where T : class
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _firstLists.Add(first);
        return new()
        {
            What = what,
            Backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30)),
            Listed = (_, _, _) =>
            {
                if (denied)
                {
                    _cronJobsDenied = null;
                }

                first.TrySetResult();
                _feed.Bump();
            },
            ListFailed = e =>
            {
                if (denied && e is HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.Forbidden } forbidden)
                {
                    // As status: a person who may not list CronJobs still sees the rest, told what is missing.
                    _cronJobsDenied = ClusterAction.Describe(forbidden);
                    first.TrySetResult();
                    return;
                }

                if (notServedIsNone && e is HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.NotFound })
                {
                    // A custom resource the cluster does not serve: none of it, as status reads the same 404.
                    first.TrySetResult();
                    return;
                }

                first.TrySetException(e);
            },
        };
    }
}

/// <summary>What the model keeps of a namespace: its name and annotations.</summary>
internal sealed record NamespaceInfo(string Name, IReadOnlyDictionary<string, string> Annotations)
{
    public static NamespaceInfo Of(V1ObjectMeta metadata) => new(
        metadata.Name ?? string.Empty,
        metadata.Annotations is { } a ? new Dictionary<string, string>(a, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal));
}
