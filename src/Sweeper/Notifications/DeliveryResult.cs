namespace Tarnfui.Sweeper.Notifications;

/// <summary>The <c>result</c> label of <c>tarnfui_notifications_total</c>: a fixed set, so the series stay bounded.</summary>
internal static class DeliveryResult
{
    /// <summary>The receiver answered 2xx.</summary>
    public const string Delivered = "delivered";

    /// <summary>The receiver answered a final error (4xx other than 408 and 429), or TLS failed: not retried.</summary>
    public const string Rejected = "rejected";

    /// <summary>Every attempt failed with a retryable answer or no answer.</summary>
    public const string Exhausted = "exhausted";

    /// <summary>The target's queue was full: the message was never sent.</summary>
    public const string Dropped = "dropped";

    public static readonly IReadOnlyList<string> All = [Delivered, Rejected, Exhausted, Dropped];
}
