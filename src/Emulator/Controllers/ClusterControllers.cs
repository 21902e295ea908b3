using System.Threading.Channels;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// The emulated kube-controller-manager: one worker reconciles Deployments, ReplicaSets, StatefulSets,
/// DaemonSets, Jobs and CronJobs from the store's change feed (CronJobs also on <see cref="ScheduleTick"/>), level-based (each reconcile reads the current state and
/// writes only what differs), one key at a time, so results are deterministic. Tests await
/// <see cref="SettledAsync"/> instead of sleeping.
/// </summary>
public sealed partial class ClusterControllers : IAsyncDisposable
{
    private readonly IControllerStore _store;
    private readonly IClock _clock;
    private readonly ControllerOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Key> _queue = Channel.CreateUnbounded<Key>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<Key> _queued = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;
    private Task _worker = Task.CompletedTask;
    private Task _ticker = Task.CompletedTask;
    private int _pending;
    private int _podSequence;
    private long _observed;
    private long _ignoreThrough;
    private TaskCompletionSource _progress = NewSignal();

    public ClusterControllers(IControllerStore store, IClock clock, ControllerOptions options, ILogger<ClusterControllers> logger)
    {
        _store = store;
        _clock = clock;
        _options = options;
        _logger = logger;
    }

    private readonly record struct Key(string Kind, string Namespace, string Name);

    /// <summary>The emulated nodes; a seeded shape sets its own.</summary>
    public IReadOnlyList<string> Nodes
    {
        get => _options.Nodes;
        set => _options.Nodes = value is { Count: > 0 } ? value : throw new ArgumentException("a cluster needs at least one node", nameof(value));
    }

    /// <summary>Subscribes to the store and starts the worker; returns at once.</summary>
    public void Start()
    {
        _subscription = _store.Subscribe(rv => rv > Volatile.Read(ref _ignoreThrough), OnChange);
        _worker = Task.Run(() => RunAsync(_stopping.Token));
        if (_options.ScheduleTickPeriod is { } period)
        {
            _ticker = Task.Run(() => TickAsync(period, _stopping.Token));
        }
    }

    /// <summary>
    /// While the returned scope lives, and for every write committed before it ends, changes are not reconciled:
    /// the bulk seeder writes objects that are already consistent, and reconciling 100,000 of them would only
    /// confirm it. Other writes committed meanwhile are skipped too, so seed before a test starts.
    /// </summary>
    public IDisposable SeedingScope()
    {
        Volatile.Write(ref _ignoreThrough, long.MaxValue);
        return new Scope(this);
    }

    /// <summary>
    /// Completes when the controllers have seen every write committed before the call and reconciled
    /// everything those (and their own writes) asked for; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public async Task SettledAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task progress;
            lock (_lock)
            {
                // The store's current version, not the one at the call: writes the reconciles made count too.
                if (_pending == 0 && Volatile.Read(ref _observed) >= _store.ResourceVersion)
                {
                    return;
                }

                progress = _progress.Task;
            }

            try
            {
                await progress.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"the controllers did not settle within {timeout}: {_pending} keys pending, saw resourceVersion {Volatile.Read(ref _observed)} of {_store.ResourceVersion}");
            }
        }
    }

    /// <summary>Queues a reconcile of one object, as a change of it would.</summary>
    public void Enqueue(string kind, string ns, string name) => Add(new Key(kind, ns, name));

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync();
        _queue.Writer.TryComplete();
        try
        {
            await _worker;
            await _ticker;
        }
        catch (OperationCanceledException)
        {
            // Shutting down is not an error.
        }

        _stopping.Dispose();
    }

    private void OnChange(ObjectChange change)
    {
        try
        {
            if (!change.Ignored && change.ResourceVersion > Volatile.Read(ref _ignoreThrough))
            {
                Route(change);
            }
        }
        finally
        {
            InterlockedMax(ref _observed, change.ResourceVersion);
            Pulse();
        }
    }

    private void Route(ObjectChange change)
    {
        switch (change.Kind)
        {
            case "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob" or "Rollout":
                Add(new Key(change.Kind, change.Namespace, change.Name));
                break;
        }

        // An owned object changed: its controller reconciles (a deleted pod is replaced, a new RS counted).
        if (change.Controller is { Kind: "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" or "CronJob" or "Rollout" } owner)
        {
            Add(new Key(owner.Kind, change.Namespace, owner.Name));
        }
    }

    private void Add(Key key)
    {
        lock (_lock)
        {
            if (!_queued.Add(key))
            {
                return;
            }

            _pending++;
        }

        _queue.Writer.TryWrite(key);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var key in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            lock (_lock)
            {
                _queued.Remove(key);
            }

            try
            {
                Reconcile(key);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ReconcileFailed(_logger, key.Kind, key.Namespace, key.Name, ex);
            }
            finally
            {
                lock (_lock)
                {
                    _pending--;
                }

                Pulse();
            }
        }
    }

    private void Reconcile(Key key)
    {
        var now = _clock.GetCurrentInstant();
        // A write lost to a concurrent one (409) is retried from fresh state, as a workqueue requeues.
        var done = key.Kind switch
        {
            "Deployment" => ReconcileDeployment(key.Namespace, key.Name, now),
            "ReplicaSet" => ReconcileReplicaSet(key.Namespace, key.Name, now),
            "StatefulSet" => ReconcileStatefulSet(key.Namespace, key.Name, now),
            "DaemonSet" => ReconcileDaemonSet(key.Namespace, key.Name, now),
            "Job" => ReconcileJob(key.Namespace, key.Name, now),
            "CronJob" => ReconcileCronJob(key.Namespace, key.Name, now),
            "Rollout" => ReconcileRollout(key.Namespace, key.Name, now),
            _ => true,
        };
        if (!done)
        {
            Add(key);
        }
    }

    private async Task TickAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            ScheduleTick();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Wakes every SettledAsync waiter to re-check its condition.
    private void Pulse()
    {
        TaskCompletionSource fired;
        lock (_lock)
        {
            fired = _progress;
            _progress = NewSignal();
        }

        fired.TrySetResult();
    }

    private static void InterlockedMax(ref long field, long value)
    {
        var current = Volatile.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private IEnumerable<V1Pod> PodsOf(string ns, string uid) =>
        _store.List<V1Pod>(ns).Where(p => PodFactory.ControllerOf(p)?.Uid == uid);

    private string NodeFor(int index) => Nodes[index % Nodes.Count];

    private sealed class Scope(ClusterControllers owner) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref owner._ignoreThrough, owner._store.ResourceVersion);
    }
}
