using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Status.Cron;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>When a CronJob next starts a Job: the NEXT-RUN column of <c>status</c>.</summary>
internal abstract record NextRun
{
    /// <summary>Shown in the table.</summary>
    public abstract string Text { get; }

    /// <summary>The instant, when there is one.</summary>
    public virtual Instant? At => null;

    /// <summary>Why the schedule cannot be read, for <see cref="InvalidSchedule"/>.</summary>
    public virtual string? Problem => null;

    /// <summary>
    /// For a running CronJob, the next time its schedule fires; for one Tarnfui holds, the first fire at or after it
    /// comes back (<paramref name="backAt"/>; null means never); for one a person suspended, nothing to say.
    /// </summary>
    public static NextRun Of(string? schedule, string? timeZone, CronJobState state, bool suspended, Instant? backAt, Instant now)
    {
        if (schedule is null)
        {
            // A Job (listed with the CronJobs when Tarnfui holds it) runs once and has no schedule to read.
            return new Unscheduled();
        }

        var parsed = CronJobSchedule.Parse(schedule, timeZone);
        if (!parsed.IsValid)
        {
            return new InvalidSchedule(parsed.Error);
        }

        Instant? next = state switch
        {
            CronJobState.SuspendedByTarnfui when backAt is null => null,
            CronJobState.SuspendedByTarnfui => parsed.Value.NextAtOrAfter(backAt.Value < now ? now : backAt.Value),
            _ when suspended => (Instant?)null,
            _ => parsed.Value.NextAfter(now),
        };
        return next is { } at ? new Scheduled(at)
            : state == CronJobState.SuspendedByTarnfui || !suspended ? new Never()
            : new HeldByPerson();
    }

    /// <summary>It fires at <paramref name="When"/>.</summary>
    public sealed record Scheduled(Instant When) : NextRun
    {
        public override string Text => Names.Instant(When);

        public override Instant? At => When;
    }

    /// <summary>It never fires: never resumed, or a schedule with no date (the 30th of February).</summary>
    public sealed record Never : NextRun
    {
        public override string Text => "never";
    }

    /// <summary>Suspended by someone else: it runs when they resume it.</summary>
    public sealed record HeldByPerson : NextRun
    {
        public override string Text => "-";
    }

    /// <summary>A Job: it has no schedule, it runs when it is resumed.</summary>
    public sealed record Unscheduled : NextRun
    {
        public override string Text => "-";
    }

    /// <summary>The schedule or its zone cannot be read; the controller will not run it either.</summary>
    public sealed record InvalidSchedule(string Why) : NextRun
    {
        public override string Text => "invalid schedule";

        public override string? Problem => Why;
    }
}
