using Tarnfui.Core;

namespace Tarnfui.Webhook;

/// <summary>
/// Section <c>Webhook</c> (environment <c>TARNFUI_Webhook__Mode</c>, …); validated at start. Durations are written in
/// Go's syntax (<c>2s</c>, <c>30s</c>, <c>1m30s</c>) or the older <c>00:00:02</c>, and bound once, at start, by
/// <see cref="Core.Durations.DurationBinding"/>.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhook";

    /// <summary>The sweeper's identity as the API server reports it in <c>userInfo.username</c>.</summary>
    public static readonly string DefaultSweeperUsername =
        $"system:serviceaccount:{WellKnown.Objects.Namespace}:{WellKnown.Objects.SweeperServiceAccount}";

    /// <summary><c>zero</c> (default), <c>deny</c> or <c>warn</c>: what a scale-up during off-hours gets.</summary>
    public string Mode { get; set; } = "zero";

    /// <summary>
    /// Hold Jobs created off-hours: stored suspended with the intent recorded (<c>zero</c>), refused (<c>deny</c>) or
    /// warned about (<c>warn</c>), as CronJobs are. Off by default, as the sweeper's <c>Sweeper:SuspendJobs</c> is.
    /// </summary>
    public bool SuspendNewJobs { get; set; }

    /// <summary>Requests from this user are always allowed (the sweeper's stops and restores).</summary>
    public string SweeperUsername { get; set; } = DefaultSweeperUsername;

    /// <summary>PEM serving certificate (leaf first, then intermediates); reloaded when it changes.</summary>
    public string CertificatePath { get; set; } = "/etc/tarnfui/tls/tls.crt";

    /// <summary>PEM private key of <see cref="CertificatePath"/>.</summary>
    public string KeyPath { get; set; } = "/etc/tarnfui/tls/tls.key";

    /// <summary>
    /// PEM bundle of the CAs that sign the API server's client certificate; when set, the admission port refuses
    /// every TLS connection without a client certificate chained to one of them. Reloaded when it changes.
    /// </summary>
    public string? ClientCaFile { get; set; }

    /// <summary>The address both ports listen on.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>HTTPS port of <c>POST /mutate</c>; 0 picks a free port.</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary>Plain-HTTP port of <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>; 0 picks a free port.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>How long the GET of a <c>/scale</c> request's parent workload may take before the request is allowed.</summary>
    public TimeSpan ParentReadTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the certificate files are compared with the served certificate, on top of file-change notifications.</summary>
    public TimeSpan CertificateCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the namespace cache is fed by a list + watch of the API server (off only in tests and benchmarks).</summary>
    public bool WatchNamespaces { get; set; } = true;

    /// <summary>The parsed <see cref="Mode"/>; valid once the options passed validation.</summary>
    internal WebhookMode ParsedMode => Enum.Parse<WebhookMode>(Mode.Trim(), ignoreCase: true);
}
