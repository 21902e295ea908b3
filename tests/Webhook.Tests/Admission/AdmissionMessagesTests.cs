using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Schedule;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

/// <summary>
/// Every message the webhook writes, whole: the parts (schedule, counts, opt-out) are written into the message in
/// place, so a part that failed to fit its room or wrote the wrong length would show here.
/// </summary>
public class AdmissionMessagesTests
{
    private const string OptOut = "To run it now: kubectl tarnfui wake deployment/api -n shop --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)";
    private static readonly Instant NextStart = Instant.FromUtc(2026, 11, 23, 6, 0);
    private static readonly WorkloadRef Api = new(WorkloadKind.Deployment, "shop", "api");

    // The default zone a schedule without one is read in; the messages then show the start in the fallback zone.
    private static readonly ScheduleDefaults Defaults = ScheduleDefaults.Create("UTC", null).Value;

    public static TheoryData<string, string> Messages => new()
    {
        {
            AdmissionMessages.Held(Api, OffHours("Mon-Fri 07:00-19:00 Europe/Paris"), 5, DateTimeZone.Utc),
            $"tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00 Europe/Paris\"): 0 replicas now, 5 replicas from Mon 2026-11-23 07:00 CET. {OptOut}"
        },
        {
            AdmissionMessages.Held(Api, OffHours("Mon-Fri 07:00-19:00", downtimeReplicas: 1), 1, DateTimeZone.Utc),
            $"tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\"): 1 replica now, 1 replica from Mon 2026-11-23 06:00 UTC. {OptOut}"
        },
        {
            AdmissionMessages.Stopped(Api, OffHours("Mon-Fri 07:00-19:00", downtime: "Sat-Sun 00:00-24:00", holiday: true), DateTimeZone.Utc),
            $"tarnfui: deployment shop/api is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\", downtime \"Sat-Sun 00:00-24:00\", holiday) until Mon 2026-11-23 06:00 UTC. {OptOut}"
        },
        {
            AdmissionMessages.Warned(Api, OffHours("Mon-Fri 07:00-19:00", holiday: true), DateTimeZone.Utc),
            $"tarnfui: deployment shop/api scales up during off-hours (schedule \"Mon-Fri 07:00-19:00\", holiday, until Mon 2026-11-23 06:00 UTC); the sweeper stops it at its next pass. {OptOut}"
        },
        {
            AdmissionMessages.Suspended(new(WorkloadKind.CronJob, "shop", "report"), OffHours("Mon-Fri 07:00-19:00", forced: "tarnfui.io/sleep-until on the namespace"), DateTimeZone.Utc),
            "tarnfui: cronjob shop/report is suspended for off-hours (forced sleep: tarnfui.io/sleep-until on the namespace): no Job starts until Mon 2026-11-23 06:00 UTC, " +
            "then spec.suspend goes back to false. To run it now: kubectl tarnfui wake cronjob/report -n shop --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)"
        },
        {
            AdmissionMessages.WarnedSuspend(new(WorkloadKind.Job, "shop", "backup"), OffHours("Mon-Fri 07:00-19:00"), DateTimeZone.Utc),
            "tarnfui: job shop/backup is set to run during off-hours (schedule \"Mon-Fri 07:00-19:00\", until Mon 2026-11-23 06:00 UTC); " +
            "the sweeper suspends it at its next pass. To run it now: kubectl tarnfui wake job/backup -n shop --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)"
        },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_reads_whole(string message, string expected) => message.ShouldBe(expected);

    [Fact]
    public void A_message_longer_than_its_first_buffer_is_written_whole()
    {
        // Names of the longest a Kubernetes object may have, twice in the message: far past the room kept for it.
        var name = new string('a', 253);
        var workload = new WorkloadRef(WorkloadKind.Deployment, new string('n', 63), name);

        var message = AdmissionMessages.Held(workload, OffHours("Mon-Fri 07:00-19:00"), 5, DateTimeZone.Utc);

        message.ShouldBe(
            $"tarnfui: deployment {workload.Namespace}/{name} is stopped for off-hours (schedule \"Mon-Fri 07:00-19:00\"): 0 replicas now, 5 replicas from Mon 2026-11-23 06:00 UTC. " +
            $"To run it now: kubectl tarnfui wake deployment/{name} -n {workload.Namespace} --for 2h  (or annotate tarnfui.io/exclude-until=<RFC3339>)");
    }

    [Fact]
    public void A_schedule_over_the_quoted_length_is_cut_with_an_ellipsis_in_both_places()
    {
        var uptime = string.Join(", ", Enumerable.Repeat("Mon-Fri 07:00-19:00", 10));
        var downtime = string.Join(", ", Enumerable.Repeat("Sat-Sun 00:00-24:00", 10));

        var message = AdmissionMessages.Stopped(Api, OffHours(uptime, downtime: downtime), DateTimeZone.Utc);

        message.ShouldStartWith($"tarnfui: deployment shop/api is stopped for off-hours (schedule \"{uptime[..120]}…\", downtime \"{downtime[..120]}…\") until ");
    }

    private static PolicyDecision.OffHours OffHours(string uptime, string downtime = "never", int downtimeReplicas = 0, bool holiday = false, string? forced = null)
    {
        var schedule = new EffectiveSchedule(ScheduleSpec.Parse(uptime, Defaults).Value, ScheduleSpec.Parse(downtime, Defaults).Value, PolicyScope.Workload);
        var sleep = forced is null ? null : new ForcedSleep(NextStart, PolicyScope.Namespace, forced);
        return new PolicyDecision.OffHours(schedule, downtimeReplicas, NextStart, holiday, sleep);
    }
}
