namespace Tarnfui.Sweeper.Notifications;

/// <summary>The accepted values of <see cref="NotificationTarget.Format"/>.</summary>
public static class NotificationFormats
{
    public const string CloudEvents = "cloudevents";
    public const string Slack = "slack";

    public static readonly IReadOnlyList<string> All = [CloudEvents, Slack];
}
