using System.Text.Json;
using System.Threading.Channels;
using Tarnfui.Sandbox.Serve;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// What the demo's sweeper tells a team: a Slack-format notification target on loopback (the receiver of
/// <c>serve --notify-to-log</c>), so the timeline can show the message each sweep sent, as the team's channel would
/// get it, delivered by the sweeper's real sender.
/// </summary>
internal sealed class DemoNotifications : IAsyncDisposable
{
    private readonly Channel<string> _texts = Channel.CreateUnbounded<string>();
    private NotificationLogReceiver? _receiver;

    /// <summary>The sweeper settings that make the receiver its one target, in Slack format.</summary>
    public IEnumerable<string> SweeperSettings =>
        _receiver!.SweeperSettings(NotificationFormats.Slack).Select(s => $"--{s.Key}={s.Value}");

    public static async Task<DemoNotifications> StartAsync(CancellationToken cancellationToken)
    {
        var notifications = new DemoNotifications();
        notifications._receiver = await NotificationLogReceiver.StartAsync((_, body) => notifications.ReceivedAsync(body), cancellationToken);
        return notifications;
    }

    /// <summary>
    /// The message the sweep that produced <paramref name="report"/> sent, or null when it had nothing to tell
    /// (<see cref="SweepDigest"/> found no event for the target). Delivery is asynchronous, so this waits for the
    /// receiver to get it, within <paramref name="bound"/>.
    /// </summary>
    public async Task<string?> SentForAsync(SweepDigest digest, NotificationTarget target, SweepReport report, TimeSpan bound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        if (digest.For(target, report).Count == 0)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        try
        {
            return await _texts.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the sweeper's notification did not reach the demo's receiver within {bound}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
    }

    private Task ReceivedAsync(string body)
    {
        // A Slack body's top-level text is the one-line summary a channel shows in its notification.
        using var json = JsonDocument.Parse(body);
        _texts.Writer.TryWrite(json.RootElement.GetProperty("text").GetString() ?? string.Empty);
        return Task.CompletedTask;
    }
}
