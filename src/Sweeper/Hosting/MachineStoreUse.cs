using k8s;
using Tarnfui.Kube;
using Tarnfui.Sweeper.Notifications;

namespace Tarnfui.Sweeper.Hosting;

/// <summary>
/// Whether the sweeper's process can do without the machine's trust store (<see cref="MachineTrustStore"/>). It talks
/// over TLS to the API server and to its notification receivers, nothing else. The API server's certificate needs no
/// machine root when the client has a CA of its own (every start in a pod) or checks nothing. A receiver has no CA
/// setting: an https one is verified against the machine's roots, and an http one may answer with a redirect to https,
/// which the delivery follows. So any notification target configured keeps the store.
/// </summary>
internal static class MachineStoreUse
{
    /// <summary>True when no certificate check of the sweeper, configured by <paramref name="configuration"/>, can end at a machine root.</summary>
    public static bool IsUnused(KubernetesClientConfiguration kubernetes, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(kubernetes);
        ArgumentNullException.ThrowIfNull(configuration);
        // Counted from the configuration before the options are bound: whatever a target holds, even one the options'
        // validation will refuse, keeps the store, as the refusal stops the process anyway.
        var targets = configuration.GetSection($"{NotificationOptions.Section}:{nameof(NotificationOptions.Targets)}").GetChildren();
        return MachineTrustStore.IsUnused(kubernetes) && !targets.Any();
    }
}
