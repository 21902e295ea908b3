using System.CommandLine;
using NodaTime;

namespace Tarnfui.Cli.Schedule;

/// <summary><c>kubectl tarnfui schedule check|next</c>: evaluate a spec offline, exactly as the cluster would.</summary>
public static class ScheduleCommands
{
    public static Command Create(TextWriter stdout, TextWriter stderr, IClock clock)
    {
        var schedule = new Command("schedule", "Check schedule specs (the tarnfui.io/uptime and tarnfui.io/downtime annotation values) without a cluster.");
        schedule.Add(ScheduleCheckCommand.Create(stdout, stderr, clock));
        schedule.Add(ScheduleNextCommand.Create(stdout, stderr, clock));
        return schedule;
    }
}
