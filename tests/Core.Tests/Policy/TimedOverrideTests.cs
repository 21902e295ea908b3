using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

/// <summary>
/// <c>exclude-until</c> and <c>sleep-until</c> on a workload and its namespace: every scope × future / expired / invalid,
/// and which one wins when both hold.
/// </summary>
public class TimedOverrideTests
{
    private const string ExcludeUntil = WellKnown.Annotations.ExcludeUntil;
    private const string SleepUntil = WellKnown.Annotations.SleepUntil;

    // Monday 10:00 in Berlin: working hours, so only a forced sleep holds a workload down.
    private const string MondayMorning = "2026-11-23T09:00:00Z";
    private const string Wednesday = "2026-11-25T12:00:00Z";
    private const string Friday = "2026-11-27T12:00:00Z";
    private const string LastWeek = "2026-11-16T12:00:00Z";
    private const string NotATime = "soon";

    private static readonly PolicyResolver Resolver = new(GlobalPolicy.Create(new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "Europe/Berlin" }).Value);

    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static Dictionary<string, string>? Map(string[] pairs) =>
        pairs.Length == 0 ? null : Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[(2 * i) + 1]);

    private static PolicyDecision Resolve(string[] workload, string[] ns, string at = MondayMorning) =>
        Resolver.Resolve(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), Map(workload), false, Map(ns), At(at));

    public static TheoryData<string, string[], string[], string> Outcomes => new()
    {
        // One key alone.
        { "sleep-until in the future on the workload holds it in working hours", [SleepUntil, Friday], [], $"Sleep/Workload/{Friday}" },
        { "sleep-until in the future on the namespace holds it", [], [SleepUntil, Friday], $"Sleep/Namespace/{Friday}" },
        { "sleep-until as a date is the start of that day in the schedule's zone", [SleepUntil, "2026-11-27"], [], "Sleep/Workload/2026-11-26T23:00:00Z" },
        { "an expired sleep-until on the workload is ignored", [SleepUntil, LastWeek], [], "WorkingHours" },
        { "an expired sleep-until on the namespace is ignored", [], [SleepUntil, LastWeek], "WorkingHours" },
        { "an invalid sleep-until on the workload is invalid", [SleepUntil, NotATime], [], $"Invalid/{SleepUntil}/Workload" },
        { "an invalid sleep-until on the namespace is invalid", [], [SleepUntil, NotATime], $"Invalid/{SleepUntil}/Namespace" },
        { "sleep-until on both scopes holds until the later", [SleepUntil, Wednesday], [SleepUntil, Friday], $"Sleep/Namespace/{Friday}" },
        { "an expired workload sleep-until does not hide the namespace's", [SleepUntil, LastWeek], [SleepUntil, Wednesday], $"Sleep/Namespace/{Wednesday}" },
        { "exclude-until alone is an exemption", [ExcludeUntil, Friday], [], $"Exempt/Workload/{Friday}" },

        // Both on the workload.
        { "both on the workload: exclude-until wins, whichever ends later", [ExcludeUntil, Wednesday, SleepUntil, Friday], [], $"Exempt/Workload/{Wednesday}" },
        { "both on the workload, sleep ending first: exclude-until wins", [ExcludeUntil, Friday, SleepUntil, Wednesday], [], $"Exempt/Workload/{Friday}" },
        { "both on the workload, exclude-until expired: the sleep holds", [ExcludeUntil, LastWeek, SleepUntil, Friday], [], $"Sleep/Workload/{Friday}" },
        { "both on the workload, sleep-until expired: the exclusion holds", [ExcludeUntil, Friday, SleepUntil, LastWeek], [], $"Exempt/Workload/{Friday}" },
        { "both on the workload, both expired: the schedule", [ExcludeUntil, LastWeek, SleepUntil, LastWeek], [], "WorkingHours" },
        { "both on the workload, exclude-until invalid", [ExcludeUntil, NotATime, SleepUntil, Friday], [], $"Invalid/{ExcludeUntil}/Workload" },
        { "both on the workload, sleep-until invalid", [ExcludeUntil, Friday, SleepUntil, NotATime], [], $"Invalid/{SleepUntil}/Workload" },

        // Both on the namespace.
        { "both on the namespace: exclude-until wins", [], [ExcludeUntil, Wednesday, SleepUntil, Friday], $"Exempt/Namespace/{Wednesday}" },
        { "both on the namespace, exclude-until expired: the sleep holds", [], [ExcludeUntil, LastWeek, SleepUntil, Friday], $"Sleep/Namespace/{Friday}" },
        { "both on the namespace, sleep-until invalid", [], [ExcludeUntil, Friday, SleepUntil, NotATime], $"Invalid/{SleepUntil}/Namespace" },

        // One on each scope: the workload's own wins.
        { "a wake on the workload beats the namespace's freeze", [ExcludeUntil, Wednesday], [SleepUntil, Friday], $"Exempt/Workload/{Wednesday}" },
        { "a sleep on the workload beats the namespace's exclusion", [SleepUntil, Wednesday], [ExcludeUntil, Friday], $"Sleep/Workload/{Wednesday}" },
        { "an expired wake on the workload lets the namespace's freeze hold", [ExcludeUntil, LastWeek], [SleepUntil, Friday], $"Sleep/Namespace/{Friday}" },
        { "an expired sleep on the workload lets the namespace's exclusion hold", [SleepUntil, LastWeek], [ExcludeUntil, Friday], $"Exempt/Namespace/{Friday}" },
        { "an invalid wake on the workload is invalid whatever the namespace says", [ExcludeUntil, NotATime], [SleepUntil, Friday], $"Invalid/{ExcludeUntil}/Workload" },
        { "an invalid namespace sleep-until is invalid even under a workload wake", [ExcludeUntil, Friday], [SleepUntil, NotATime], $"Invalid/{SleepUntil}/Namespace" },
        { "a workload with both beats a namespace with the other", [ExcludeUntil, Wednesday, SleepUntil, Friday], [SleepUntil, Friday], $"Exempt/Workload/{Wednesday}" },

        // exclude: "true" is permanent and beats a forced sleep.
        { "exclude=true beats sleep-until", [WellKnown.Annotations.Exclude, "true", SleepUntil, Friday], [], "Exempt/Workload/none" },
    };

    [Theory, MemberData(nameof(Outcomes))]
    public void Resolve_follows_the_table(string because, string[] workload, string[] ns, string expected) =>
        Summary(Resolve(workload, ns)).ShouldBe(expected, because);

    [Fact]
    public void A_forced_sleep_says_which_key_won_and_why()
    {
        var off = Resolve([SleepUntil, Wednesday], [ExcludeUntil, Friday]).ShouldBeOfType<PolicyDecision.OffHours>();
        off.Forced!.Detail.ShouldBe($"{SleepUntil}={Wednesday} on the workload; it beats {ExcludeUntil}={Friday} on the namespace (the workload's own annotation beats its namespace's)");

        var exempt = Resolve([ExcludeUntil, Wednesday, SleepUntil, Friday], []).ShouldBeOfType<PolicyDecision.Exempt>();
        exempt.Detail.ShouldContain("on one object exclude-until wins");
    }

    public static TheoryData<string, string, string, string> Ends => new()
    {
        { "a sleep ending in working hours ends at its instant", MondayMorning, Wednesday, Wednesday },
        { "a sleep ending at night lasts until the next working hours", MondayMorning, "2026-11-25T22:00:00Z", "2026-11-26T06:00:00Z" },
        { "a sleep ending on Saturday lasts until Monday", MondayMorning, "2026-11-28T10:00:00Z", "2026-11-30T06:00:00Z" },
        { "a sleep at night ending before the morning lasts until the morning", "2026-11-23T22:00:00Z", "2026-11-24T01:00:00Z", "2026-11-24T06:00:00Z" },
    };

    [Theory, MemberData(nameof(Ends))]
    public void A_forced_sleep_ends_at_the_first_working_hours_from_its_instant(string because, string at, string until, string expected)
    {
        var off = Resolve([SleepUntil, until], [], at).ShouldBeOfType<PolicyDecision.OffHours>(because);
        off.Forced!.Until.ShouldBe(At(until));
        off.NextWorkingHours.ShouldBe(At(expected), because);
    }

    [Fact]
    public void The_moment_a_sleep_expires_the_schedule_applies()
    {
        Resolve([SleepUntil, Wednesday], [], "2026-11-25T11:59:59Z").ShouldBeOfType<PolicyDecision.OffHours>();
        Resolve([SleepUntil, Wednesday], [], Wednesday).ShouldBeOfType<PolicyDecision.WorkingHours>("the instant itself is past the sleep, as for exclude-until");
    }

    [Fact]
    public void A_forced_sleep_keeps_the_downtime_replicas() =>
        Resolve([SleepUntil, Friday, WellKnown.Annotations.DowntimeReplicas, "1"], []).ShouldBeOfType<PolicyDecision.OffHours>().DowntimeReplicas.ShouldBe(1);

    private static string Summary(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Exempt e => $"Exempt/{e.Scope}/{(e.Until is { } u ? InstantPattern.General.Format(u) : "none")}",
        PolicyDecision.OffHours { Forced: { } f } => $"Sleep/{f.Scope}/{InstantPattern.General.Format(f.Until)}",
        PolicyDecision.OffHours => "OffHours",
        PolicyDecision.WorkingHours => "WorkingHours",
        PolicyDecision.Invalid i => $"Invalid/{i.AnnotationKey}/{i.Scope}",
        _ => decision.ToString(),
    };
}
