namespace Tarnfui.Sweeper.Notifications;

/// <summary>What a sweep can report, with its CloudEvents type and the verb its summary starts with.</summary>
internal sealed record SweepEventKind(string Name, string Verb)
{
    public static readonly SweepEventKind Stopped = new("stopped", "stopped");
    public static readonly SweepEventKind Restored = new("restored", "restored");
    public static readonly SweepEventKind RestoreSkipped = new("restore-skipped", "left as found (count changed while stopped)");
    public static readonly SweepEventKind InvalidSchedule = new("invalid-schedule", "left alone (annotation unreadable)");
    public static readonly SweepEventKind RestoreFailed = new("restore-failed", "failed to restore");

    public static readonly IReadOnlyList<SweepEventKind> All = [Stopped, Restored, RestoreSkipped, InvalidSchedule, RestoreFailed];

    /// <summary>The CloudEvents <c>type</c>: <c>io.tarnfui.stopped</c>.</summary>
    public string CloudEventType => "io.tarnfui." + Name;
}
