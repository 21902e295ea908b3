namespace Tarnfui.Sweeper.Notifications;

/// <summary>One receiver of notifications.</summary>
public sealed class NotificationTarget
{
    /// <summary>Unique; the <c>target</c> label of the metric and the value of a namespace's <c>tarnfui.io/notify</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The receiver's http(s) URL; or <see cref="UrlFile"/>, for a URL that is itself a secret (Slack's).</summary>
    public string? Url { get; set; }

    /// <summary>A file (a mounted Secret's key) holding the URL, read at start.</summary>
    public string? UrlFile { get; set; }

    /// <summary><c>cloudevents</c> (CloudEvents 1.0 structured JSON) or <c>slack</c> (incoming-webhook body).</summary>
    public string Format { get; set; } = NotificationFormats.CloudEvents;

    /// <summary>Only these namespaces' events (empty: every namespace); a namespace's <c>tarnfui.io/notify</c> overrides it.</summary>
    public List<string> Namespaces { get; set; } = [];

    /// <summary>
    /// A directory (a mounted Secret) whose files are headers to send: the file's name is the header's name, its
    /// content the value (e.g. <c>Authorization</c>). Read at each delivery, so a rotated Secret is used without a restart.
    /// </summary>
    public string? HeadersFile { get; set; }
}
