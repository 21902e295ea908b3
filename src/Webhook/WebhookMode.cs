namespace Tarnfui.Webhook;

/// <summary>What the webhook does with a scale-up during off-hours (<c>Webhook:Mode</c>).</summary>
internal enum WebhookMode
{
    /// <summary>Patch the workload down to its downtime replicas and record the requested count (default).</summary>
    Zero,

    /// <summary>Refuse the request with 403.</summary>
    Deny,

    /// <summary>Let it through with a warning; the sweeper stops it at its next pass.</summary>
    Warn,
}
