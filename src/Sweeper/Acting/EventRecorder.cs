using System.Globalization;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary>
/// Writes events.k8s.io/v1 Events about workloads (reporting controller <c>tarnfui.io/sweeper</c>). An Event that
/// cannot be written is logged and dropped: it must never stop a stop or a restore. An Event the
/// <see cref="LeadershipFence"/> holds back is the exception: it ends the sweep, as a held-back patch does.
/// </summary>
internal sealed class EventRecorder(KubeApi api, string instance, LeadershipFence fence, ILogger<EventRecorder> logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public Task RecordAsync(WorkloadSnapshot workload, string type, string reason, string action, string note, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workload);
        return RecordAsync(
            new V1ObjectReference
            {
                ApiVersion = workload.Ref.Kind.ApiVersion,
                Kind = workload.Ref.Kind.Kind,
                Name = workload.Ref.Name,
                NamespaceProperty = workload.Ref.Namespace,
                Uid = workload.Uid.ToString(),
                ResourceVersion = workload.ResourceVersion,
            },
            type, reason, action, note, now, cancellationToken);
    }

    /// <summary>An Event about any object, named by <paramref name="regarding"/> (a KEDA ScaledObject is no workload kind).</summary>
    public async Task RecordAsync(V1ObjectReference regarding, string type, string reason, string action, string note, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regarding);
        var body = new Eventsv1Event
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                // client-go names Events <object>.<unique hex>; the same name on a retried create is then a 409 we ignore.
                Name = $"{regarding.Name}.{now.ToUnixTimeTicks().ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = regarding.NamespaceProperty,
            },
            EventTime = now.ToDateTimeUtc(),
            ReportingController = WellKnown.Events.SweeperController,
            ReportingInstance = instance,
            Action = action,
            Reason = reason,
            Type = type,
            Note = note.Length <= 1024 ? note : note[..1021] + "...",
            Regarding = regarding,
        };
        fence.ThrowIfClosed(LeadershipFence.Event);
        try
        {
            await api.CreateEventAsync(body, cancellationToken);
        }
        catch (Exception e) when (e is not LeadershipLostException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            Log.EventFailed(logger, reason, regarding.Kind, regarding.NamespaceProperty, regarding.Name, e);
        }
    }
}
