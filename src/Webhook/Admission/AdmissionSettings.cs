using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>The configuration the decision depends on, parsed once at start.</summary>
/// <param name="Resolver">The policy shared with the sweeper and the CLI.</param>
/// <param name="Mode">What a scale-up during off-hours gets.</param>
/// <param name="SweeperUsername">The sweeper's service account: its requests are always allowed.</param>
/// <param name="SuspendNewJobs">Whether a Job created off-hours is held (<c>Webhook:SuspendNewJobs</c>).</param>
internal sealed record AdmissionSettings(PolicyResolver Resolver, WebhookMode Mode, string SweeperUsername, bool SuspendNewJobs = false);
