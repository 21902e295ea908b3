using System.Globalization;

namespace Tarnfui.Core.Watching;

/// <summary>
/// Keeps a <see cref="Store{T}"/> of one resource current from its <see cref="Watcher{TRaw}"/>: the one writer of that
/// store. Each item is turned into <typeparamref name="T"/> as it enters (a client-go informer's transform): the store
/// keeps only what decisions read. The program's own writes are an <see cref="Overlay{T}"/> over the store until the
/// store catches up; readers go through <see cref="Get(ObjectKey)"/> and <see cref="Items"/>, which show both.
/// </summary>
/// <remarks>
/// What it holds is trusted (<see cref="Staleness"/>) only while it is current: listed, its watch connected, and heard
/// from within <see cref="ReflectorOptions{T}.StaleAfter"/>.
/// </remarks>
/// <typeparam name="TRaw">An item as the program's client reads it.</typeparam>
/// <typeparam name="T">What is kept of one item.</typeparam>
public sealed partial class Reflector<TRaw, T> : IAsyncDisposable
    where T : class
{
    private readonly ListWatch<TRaw> _source;
    private readonly Func<TRaw, T?, T> _keep;
    private readonly ReflectorOptions<T> _options;
    private readonly Watcher<TRaw> _watcher;
    private readonly Lock _writer = new();
    private readonly CancellationTokenSource _stopping = new();
    private System.Collections.Concurrent.ConcurrentDictionary<ObjectKey, Store<T>.Entry>? _pending;
    private long _listEpoch;
    private string? _reached;
    private volatile bool _current;
    private volatile bool _connected;
    private long _heardAt;
    private Task? _loop;
    private TaskCompletionSource? _listed;

    /// <summary>A reflector; <paramref name="keep"/> is what to keep of an item, given what was kept of the same key before (null: nothing).</summary>
    public Reflector(ListWatch<TRaw> source, Func<TRaw, T?, T> keep, ReflectorOptions<T> options)
    {
        _source = source ?? throw new ArgumentNullException(nameof(source));
        _keep = keep ?? throw new ArgumentNullException(nameof(keep));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _watcher = new Watcher<TRaw>(source, options.Backoff);
    }

    public Store<T> Store { get; } = new();

    public Overlay<T> Overlay { get; } = new();

    /// <summary>Whether the watch's stream is open (its response headers came back).</summary>
    public bool Connected => _connected;

    /// <summary>How many lists were stored (the first included).</summary>
    public int Lists { get; private set; }

    /// <summary>Pages the last list cost.</summary>
    public int LastListPages { get; private set; }

    /// <summary>The item as last written by the program when the store has not caught up with that write, else as stored.</summary>
    public T? Get(ObjectKey key) => Overlay.TryGet(key, out var written) ? written : Store.Get(key);

    public T? Get(string? @namespace, string name) => Get(ObjectKey.Of(@namespace, name));

    /// <summary>Every item, as <see cref="Get(ObjectKey)"/> shows it.</summary>
    public IEnumerable<T> Items => Overlay.IsEmpty
        ? Store.Items
        : Store.Entries.Where(e => !Overlay.TryGet(e.Key, out _)).Select(e => e.Value.Item).Concat(Overlay.Items);

    /// <summary>Why what is held cannot be trusted now, or null when it can.</summary>
    public string? Staleness()
    {
        if (!_current)
        {
            return Lists == 0 ? "never listed" : "its watch ended";
        }

        if (_source.Watch is null)
        {
            return "not watched";
        }

        if (_loop is not { IsCompleted: false } && _options.Backoff is null)
        {
            return "its watch ended";
        }

        var quiet = _options.Time.GetElapsedTime(Interlocked.Read(ref _heardAt));
        if (!_connected && quiet > _options.ConnectGrace)
        {
            return string.Create(CultureInfo.InvariantCulture, $"its watch has not been connected for {quiet.TotalSeconds:0.#} s");
        }

        return _options.StaleAfter != Timeout.InfiniteTimeSpan && quiet > _options.StaleAfter
            ? string.Create(CultureInfo.InvariantCulture, $"nothing heard from its watch for {quiet.TotalSeconds:0.#} s")
            : null;
    }

    /// <summary>
    /// Lists (and watches anew) when what is held cannot be trusted, else returns at once; true when it listed. A
    /// failed list throws here. For a reflector without a backoff, which lists only when asked.
    /// </summary>
    public async Task<bool> EnsureSyncedAsync(CancellationToken cancellationToken)
    {
        var why = Staleness();
        if (why is null)
        {
            return false;
        }

        if (Lists > 0 && _source.Watch is not null)
        {
            _options.Relisting?.Invoke(why);
        }

        var listed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _listed, listed);
        if (_loop is not { IsCompleted: false })
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        _watcher.RequestRelist();
        await listed.Task.WaitAsync(cancellationToken);
        return true;
    }

    /// <summary>Applies the watcher's events to the store until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _watcher.RunAsync(OnConnected, cancellationToken))
            {
                Apply(e);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            _connected = false;
            Volatile.Read(ref _listed)?.TrySetException(new OperationCanceledException($"the {_options.What} reflector stopped"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stopping.Dispose();
        _watcher.Dispose();
    }

    private void OnConnected()
    {
        _connected = true;
        Heard();
    }

    private void Heard() => Interlocked.Exchange(ref _heardAt, _options.Time.GetTimestamp());
}
