using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// Tells the configured targets what a sweep did: per target, one message per sweep (Slack) or one CloudEvent per kind
/// of outcome, each listing its workloads, never one call per workload. Called by the sweep that has just finished,
/// which is the leader's (only the leader sweeps); <see cref="Publish"/> only formats and queues, so a slow or absent
/// receiver never delays or fails a sweep. A dry run tells no one: nothing happened.
/// </summary>
internal sealed class Notifier : IAsyncDisposable
{
    private readonly NotificationOptions _options;
    private readonly SweepDigest _digest;
    private readonly string _identity;
    private readonly HttpMessageHandler _handler;
    private readonly List<(NotificationTarget Target, TargetSender Sender)> _senders;

    public Notifier(IOptions<NotificationOptions> options, SweepDigest digest, SweeperIdentity identity, TimeProvider time, Metrics metrics, ILogger<Notifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        _options = options.Value;
        _digest = digest;
        _identity = identity.Name;
        // One connection pool for every target; recycled so that a receiver moved in DNS is found again.
        _handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _senders = [.. _options.Targets.Select(t => (t, new TargetSender(t, _options, _handler, time, metrics, logger)))];
    }

    public void Publish(SweepReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.DryRun)
        {
            return;
        }

        foreach (var (target, sender) in _senders)
        {
            var events = _digest.For(target, report);
            foreach (var message in Messages(target, events, report))
            {
                sender.TryEnqueue(message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, sender) in _senders)
        {
            await sender.DisposeAsync();
        }

        _handler.Dispose();
    }

    private IEnumerable<OutgoingMessage> Messages(NotificationTarget target, IReadOnlyList<SweepEvent> events, SweepReport report)
    {
        if (events.Count == 0)
        {
            yield break;
        }

        if (target.Format == NotificationFormats.Slack)
        {
            var body = SlackFormat.Write(events, report, _options.MaxListed);
            yield return new OutgoingMessage(target.Name, SlackFormat.ContentType, body, string.Join("; ", events.Select(e => e.Summary)));
            yield break;
        }

        foreach (var e in events)
        {
            var body = CloudEventsFormat.Write(e, report, _identity, _options.MaxListed);
            yield return new OutgoingMessage(target.Name, CloudEventsFormat.ContentType, body, e.Summary);
        }
    }
}
