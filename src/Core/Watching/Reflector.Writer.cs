namespace Tarnfui.Core.Watching;

/// <summary>
/// The one writer of a reflector's store: the watcher's events, applied in order, and the program's own writes, kept
/// in the overlay until the store has caught up with them.
/// </summary>
public sealed partial class Reflector<TRaw, T>
{
    /// <summary>
    /// Records a write the program made itself, as the server answered it: <paramref name="written"/> (null: out of
    /// the watched set) at <paramref name="version"/> (null: unknown, as for an object found gone) is shown over the
    /// store until the store catches up. When it has already (the watch was faster than the answer), the store keeps
    /// its item, made one with the written one by <see cref="ReflectorOptions{T}.Merge"/>.
    /// </summary>
    public void Record(ObjectKey key, T? written, string? version)
    {
        lock (_writer)
        {
            var stored = Store.VersionOf(key);
            if (ResourceVersions.AtLeast(stored, version))
            {
                Overlay.Remove(key);
                if (written is not null && Store.Get(key) is { } kept && _options.Merge is { } merge)
                {
                    Store.Put(key, merge(kept, written), stored);
                }

                return;
            }

            if (ResourceVersions.AtLeast(_reached, version))
            {
                // The watch has passed the write and brought no newer version of the object.
                Overlay.Remove(key);
                if (written is null)
                {
                    Store.Remove(key);
                }

                return;
            }

            Overlay.Put(key, written, version);
        }
    }

    /// <summary>
    /// Takes the key's item out of the store, for an item the program has just made one it has no use for
    /// (<see cref="ReflectorOptions{T}.Unwanted"/>) by a write of another object, before the watch brings the version
    /// that says so. The next version the watch brings is stored, or not, as any other.
    /// </summary>
    public void Forget(ObjectKey key)
    {
        lock (_writer)
        {
            Store.Remove(key);
        }
    }

    private void Apply(WatcherEvent<TRaw> e)
    {
        switch (e.Kind)
        {
            case WatcherEventKind.Init:
                _pending = Store<T>.NewContent();
                _listEpoch = Overlay.Epoch;
                break;
            case WatcherEventKind.InitApply:
                var listedKey = Written(_source.Key(e.Item!));
                var listed = _keep(e.Item!, Previous(listedKey));
                if (!Unwanted(listed))
                {
                    _pending![listedKey] = new(listed, _source.Version(e.Item!));
                }

                break;
            case WatcherEventKind.InitDone:
                lock (_writer)
                {
                    Store.Replace(_pending!);
                    Overlay.RetireBefore(_listEpoch);
                    _reached = e.ResourceVersion;
                }

                _pending = null;
                Lists++;
                LastListPages = e.Pages;
                _connected = false;
                Heard();
                _current = true;
                _options.Listed?.Invoke(Store.Count, e.Pages, e.ResourceVersion);
                Volatile.Read(ref _listed)?.TrySetResult();
                break;
            case WatcherEventKind.ListFailed:
                _pending = null;
                _options.ListFailed?.Invoke(e.Error!);
                Volatile.Read(ref _listed)?.TrySetException(e.Error!);
                break;
            case WatcherEventKind.Added or WatcherEventKind.Modified:
                Heard();
                lock (_writer)
                {
                    var key = Written(_source.Key(e.Item!));
                    var version = _source.Version(e.Item!);
                    var kept = _keep(e.Item!, Previous(key));
                    if (Unwanted(kept))
                    {
                        Store.Remove(key);
                    }
                    else
                    {
                        Store.Put(key, kept, version);
                    }

                    Caught(key, version);
                }

                break;
            case WatcherEventKind.Deleted:
                Heard();
                lock (_writer)
                {
                    var key = _source.Key(e.Item!);
                    Store.Remove(key);
                    Caught(key, _source.Version(e.Item!));
                }

                break;
            case WatcherEventKind.Bookmark:
                Heard();
                lock (_writer)
                {
                    _reached = e.ResourceVersion;
                    Overlay.RetireReached(_reached, TakenOut);
                }

                break;
            case WatcherEventKind.WatchClosed:
                // Resumed from the last version; until the new request connects the store is not known current.
                _connected = false;
                break;
            case WatcherEventKind.WatchEnded:
                _connected = false;
                _current = false;
                if (e.Error is not null)
                {
                    _options.WatchFailed?.Invoke(e.Error, e.Expired, e.ResourceVersion);
                }

                break;
        }
    }

    private bool Unwanted(T kept) => _options.Unwanted?.Invoke(kept) == true;

    // The key as the program's own write named it, when the overlay holds one: the stored key then shares its strings.
    private ObjectKey Written(ObjectKey key) => Overlay.TryGetWritten(key, out var written) ? written.Key : key;

    // What was kept of the key before: the program's own write when the store has not caught up with it yet, so that
    // what the write added is carried on (the transform decides what of it to keep).
    private T? Previous(ObjectKey key) =>
        Overlay.TryGetWritten(key, out var written) && written.Item is { } item ? item : Store.Get(key);

    private void Caught(ObjectKey key, string? version)
    {
        Overlay.RetireAt(key, version);
        _reached = version ?? _reached;
    }

    // A write took the object out of the watched set and the watch has passed it without a newer version. kube-apiserver
    // tells a filtered watch of an object leaving its selection with a DELETED at the write's version, which takes the
    // key out first; this covers a server that sends nothing for it.
    private void TakenOut(ObjectKey key, string version)
    {
        if (!ResourceVersions.AtLeast(Store.VersionOf(key), version))
        {
            Store.Remove(key);
        }
    }
}
