using System.Collections.Concurrent;
using System.Globalization;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// Tells a watch that its stream is open. KubernetesClient hands back a watch response only once the first event has
/// arrived, so a quiet watch looks the same as one still connecting; the request handler sees the response headers.
/// The watch request names its listener in a header (<see cref="Header"/>, taken off before the request is sent), and
/// the handler calls that listener when the request is answered with 2xx.
/// </summary>
internal sealed class WatchSignals
{
    /// <summary>The request header that names a watch's listener; it never reaches the server.</summary>
    public const string Header = "X-Tarnfui-Watch-Listener";

    private readonly ConcurrentDictionary<string, Action> _listeners = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>Registers <paramref name="connected"/> until the returned listener is disposed; its id goes in <see cref="Header"/>.</summary>
    public Listener Listen(Action connected)
    {
        ArgumentNullException.ThrowIfNull(connected);
        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        _listeners[id] = connected;
        return new Listener(this, id);
    }

    /// <summary>Calls the listener the request names, if any: its watch was answered with 2xx.</summary>
    public void Connected(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValues(Header, out var ids) && ids.FirstOrDefault() is { } id && _listeners.TryGetValue(id, out var connected))
        {
            connected();
        }
    }

    public sealed class Listener(WatchSignals signals, string id) : IDisposable
    {
        public string Id => id;

        public void Dispose() => signals._listeners.TryRemove(id, out _);
    }
}
