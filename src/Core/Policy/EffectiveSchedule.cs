using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Policy;

/// <summary>
/// The uptime/downtime pair that applies to a workload and the scope it was taken from. The pair is taken
/// whole from the most specific scope that sets either of them.
/// </summary>
public sealed record EffectiveSchedule(ScheduleSpec Uptime, ScheduleSpec Downtime, PolicyScope Source)
{
    /// <summary>The kube-downscaler keys the pair was read from (<c>downscaler/uptime</c>), or null for Tarnfui's own.</summary>
    public string? ReadFrom { get; init; }

    /// <summary>The forced downtime folded into <see cref="Downtime"/>, described (<c>tarnfui.io/force-downtime=true on the namespace</c>), or null.</summary>
    public string? Forced { get; init; }

    /// <summary><c>uptime "Mon-Fri 07:00-19:00 Europe/Paris"</c>, with the downtime when it is not <c>never</c>.</summary>
    public string Describe() =>
        string.Equals(Downtime.Text, "never", StringComparison.OrdinalIgnoreCase)
            ? $"uptime \"{Uptime.Text}\""
            : $"uptime \"{Uptime.Text}\", downtime \"{Downtime.Text}\"";
}
