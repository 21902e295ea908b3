using System.Threading.Channels;
using k8s.Models;
using NodaTime;

namespace Tarnfui.Sandbox.Controllers;

/// <summary>
/// The emulated kube-controller-manager: one worker reconciles Deployments, ReplicaSets, StatefulSets,
/// DaemonSets and Jobs from the store's change feed, level-based (each reconcile reads the current state and
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
    private int _pending;
    private int _suspended;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public ClusterControllers(IControllerStore store, IClock clock, ControllerOptions options, ILogger<ClusterControllers> logger)
    {
        _store = store;
        _clock = clock;
        _options = options;
        _logger = logger;
    }

    private readonly record struct Key(string Kind, string Namespace, string Name);

    /// <summary>Subscribes to the store and starts the worker; returns at once.</summary>
    public void Start()
    {
        _subscription = _store.Subscribe(OnChange);
        _worker = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>
    /// While the returned scope lives, changes are not reconciled: the bulk seeder writes objects that are
    /// already consistent, and reconciling 100,000 of them would only confirm it.
    /// </summary>
    public IDisposable Suspend()
    {
        Interlocked.Increment(ref _suspended);
        return new Resumer(this);
    }

    /// <summary>Completes when every change seen so far has been reconciled (and the writes those caused too).</summary>
    public Task SettledAsync(TimeSpan timeout)
    {
        lock (_lock)
        {
            return _pending == 0 ? Task.CompletedTask : _idle.Task.WaitAsync(timeout);
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
        }
        catch (OperationCanceledException)
        {
            // Shutting down is not an error.
        }

        _stopping.Dispose();
    }

    private void OnChange(ObjectChange change)
    {
        if (Volatile.Read(ref _suspended) > 0)
        {
            return;
        }

        switch (change.Kind)
        {
            case "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job":
                Add(new Key(change.Kind, change.Namespace, change.Name));
                break;
        }

        // An owned object changed: its controller reconciles (a deleted pod is replaced, a new RS counted).
        if (change.Controller is { Kind: "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" or "Job" } owner)
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

            if (_pending++ == 0)
            {
                _idle = NewIdle(completed: false);
            }
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
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
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
            _ => true,
        };
        if (!done)
        {
            Add(key);
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            tcs.SetResult();
        }

        return tcs;
    }

    private IEnumerable<V1Pod> PodsOf(string ns, string uid) =>
        _store.List<V1Pod>(ns).Where(p => PodFactory.ControllerOf(p)?.Uid == uid);

    private string NodeFor(int index) => _options.Nodes[index % _options.Nodes.Count];

    private sealed class Resumer(ClusterControllers owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._suspended);
            }
        }
    }
}
