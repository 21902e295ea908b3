using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Tarnfui.Emulator.Controllers;

/// <summary>
/// What the emulated autoscalers (the HPA controller, KEDA's operator) share: they sync when called or on
/// <see cref="ControllerOptions.ScheduleTickPeriod"/> once started, and they move a target through its <c>/scale</c>
/// subresource over the API, as their own service account, so that admission sees every write.
/// </summary>
public abstract class ScaleTargetController(ControllerOptions options) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IKubernetes? _client;
    private Task _ticker = Task.CompletedTask;

    /// <summary>
    /// Starts syncing on the tick period, if there is one, writing through <paramref name="client"/> (which it then
    /// owns); started again, it only takes the new client.
    /// </summary>
    public void Start(IKubernetes client)
    {
        Interlocked.Exchange(ref _client, client)?.Dispose();
        if (options.ScheduleTickPeriod is { } period && _ticker.IsCompleted)
        {
            _ticker = Task.Run(() => TickAsync(period, _stopping.Token));
        }
    }

    /// <summary>One sync of every object the controller owns: the targets (<c>namespace/name</c>) it scaled and those whose write was refused.</summary>
    public abstract Task<AutoscalerSync> SyncAsync(CancellationToken cancellationToken = default);

    /// <summary>The client <see cref="Start"/> gave, or a clear error naming the controller.</summary>
    protected IKubernetes Client(string controller) =>
        _client ?? throw new InvalidOperationException($"the {controller} controller is not started");

    /// <summary>A sync on the tick failed at the API (the next tick tries again).</summary>
    protected abstract void SyncFailed(Exception exception);

    /// <summary>Writes <c>spec.replicas</c> of a Deployment's or a StatefulSet's <c>/scale</c> with a merge patch.</summary>
    protected static Task<V1Scale> ScaleAsync(IKubernetes client, string kind, string ns, string name, int replicas, CancellationToken cancellationToken)
    {
        var patch = new V1Patch(KubernetesJson.Serialize(new { spec = new { replicas } }), V1Patch.PatchType.MergePatch);
        return kind switch
        {
            "Deployment" => client.AppsV1.PatchNamespacedDeploymentScaleAsync(patch, name, ns, cancellationToken: cancellationToken),
            "StatefulSet" => client.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, name, ns, cancellationToken: cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "the emulated autoscalers scale Deployments and StatefulSets"),
        };
    }

    /// <summary>A refusal the real controllers record and retry at their next sync: admission's 403, a conflict, an invalid count.</summary>
    protected static bool IsRefusal(HttpOperationException e) =>
        e.Response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity;

    private async Task TickAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await SyncAsync(cancellationToken);
            }
            catch (Exception e) when (e is HttpOperationException or HttpRequestException)
            {
                SyncFailed(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _ticker;
        }
        catch (OperationCanceledException)
        {
            // Shutting down is not an error.
        }

        _stopping.Dispose();
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }
}
