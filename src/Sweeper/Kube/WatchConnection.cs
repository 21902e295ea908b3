namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// Tells a watch that its stream is open. KubernetesClient hands back a watch response only once the first event
/// has arrived, so a quiet watch looks the same as one still connecting; the request handler sees the response
/// headers, and calls the callback the watching code set for its own asynchronous flow.
/// </summary>
public static class WatchConnection
{
    private static readonly AsyncLocal<Action?> Callback = new();

    /// <summary>Calls <paramref name="connected"/> when a watch request made from here on, in this flow, is answered with 2xx.</summary>
    public static void OnConnected(Action connected) => Callback.Value = connected;

    internal static void Connected() => Callback.Value?.Invoke();
}
