using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;
using K = Tarnfui.Core.WellKnown.KubeDownscaler;
using T = Tarnfui.Core.WellKnown.Annotations;

namespace Tarnfui.Core.Tests.Policy;

// Policy:KubeDownscalerAnnotations: each downscaler/* key read as its Tarnfui equivalent on the workload and on the
// namespace, a Tarnfui key winning in the same scope, and nothing read with the option off.
public class KubeDownscalerAnnotationsTests
{
    private const string MondayMorning = "2026-11-23T09:00:00Z"; // 10:00 in Berlin, working hours
    private const string MondayNight = "2026-11-23T22:00:00Z";
    private const string TuesdayHalfPastMidnightBerlin = "2026-11-23T23:30:00Z";

    private static readonly PolicyResolver On = Resolver(compatible: true);
    private static readonly PolicyResolver Off = Resolver(compatible: false);

    private static PolicyResolver Resolver(bool compatible) =>
        new(GlobalPolicy.Create(new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "Europe/Berlin" },
            new PolicyOptions { KubeDownscalerAnnotations = compatible }).Value);

    public static TheoryData<string, string, string[], string[], string> Compatible => new()
    {
        // exclude: any value but "false" excludes, as in kube-downscaler
        { "exclude on the workload", MondayNight, [K.Exclude, "true"], [], "Exempt/ExcludeAnnotation/Workload/downscaler/exclude" },
        { "exclude on the namespace, any value but false", MondayNight, [], [K.Exclude, "yes"], "Exempt/ExcludeAnnotation/Namespace/downscaler/exclude" },
        { "exclude=false on the workload overrides the namespace's", MondayNight, [K.Exclude, "False"], [K.Exclude, "true"], "OffHours/Global/-/0" },
        { "Tarnfui's exclude wins on the workload", MondayNight, [T.Exclude, "false", K.Exclude, "true"], [], "OffHours/Global/-/0" },
        { "Tarnfui's exclude wins on the namespace", MondayNight, [], [T.Exclude, "false", K.Exclude, "true"], "OffHours/Global/-/0" },
        { "a workload's downscaler key beats the namespace's Tarnfui key", MondayNight, [K.Exclude, "false"], [T.Exclude, "true"], "OffHours/Global/-/0" },

        // exclude-until: kube-downscaler's four formats, in UTC
        { "exclude-until as a date on the workload", MondayNight, [K.ExcludeUntil, "2026-11-24"], [], "Exempt/ExcludeUntil/Workload/downscaler/exclude-until" },
        { "exclude-until with minutes on the namespace", MondayNight, [], [K.ExcludeUntil, "2026-11-24T12:00"], "Exempt/ExcludeUntil/Namespace/downscaler/exclude-until" },
        { "exclude-until with a blank and minutes", MondayNight, [K.ExcludeUntil, "2026-11-24 12:00"], [], "Exempt/ExcludeUntil/Workload/downscaler/exclude-until" },
        { "exclude-until with seconds and Z", MondayNight, [K.ExcludeUntil, "2026-11-24T12:00:00Z"], [], "Exempt/ExcludeUntil/Workload/downscaler/exclude-until" },
        { "exclude-until expired", MondayNight, [K.ExcludeUntil, "2026-11-23T12:00"], [], "OffHours/Global/-/0" },
        { "their date is midnight UTC, still ahead", TuesdayHalfPastMidnightBerlin, [K.ExcludeUntil, "2026-11-24"], [], "Exempt/ExcludeUntil/Workload/downscaler/exclude-until" },
        { "Tarnfui's date is midnight in Schedule:TimeZone, passed", TuesdayHalfPastMidnightBerlin, [T.ExcludeUntil, "2026-11-24"], [], "OffHours/Global/-/0" },
        { "exclude-until none of its formats", MondayNight, [K.ExcludeUntil, "tomorrow"], [], "Invalid/Workload/downscaler/exclude-until" },
        { "Tarnfui's exclude-until wins on the workload", MondayNight, [T.ExcludeUntil, "2026-11-20T00:00:00Z", K.ExcludeUntil, "2026-11-30"], [], "OffHours/Global/-/0" },
        { "Tarnfui's exclude-until wins on the namespace", MondayNight, [], [T.ExcludeUntil, "2026-11-20T00:00:00Z", K.ExcludeUntil, "2026-11-30"], "OffHours/Global/-/0" },

        // uptime and downtime: the same grammar
        { "uptime on the workload", MondayMorning, [K.Uptime, "Mon-Fri 08:00-09:00 Europe/Berlin"], [], "OffHours/Workload/downscaler/uptime/0" },
        { "uptime on the namespace", MondayNight, [], [K.Uptime, "always"], "WorkingHours/Namespace/downscaler/uptime" },
        { "Tarnfui's uptime wins on the workload", MondayMorning, [T.Uptime, "always", K.Uptime, "never"], [], "WorkingHours/Workload/-" },
        { "Tarnfui's uptime wins on the namespace", MondayMorning, [], [T.Uptime, "always", K.Uptime, "never"], "WorkingHours/Namespace/-" },
        { "the workload's downscaler uptime beats the namespace's Tarnfui one", MondayMorning, [K.Uptime, "always"], [T.Uptime, "never"], "WorkingHours/Workload/downscaler/uptime" },
        { "downtime on the workload", MondayMorning, [K.Downtime, "Mon 09:30-10:30 Europe/Berlin"], [], "OffHours/Workload/downscaler/downtime/0" },
        { "downtime on the namespace", MondayMorning, [], [K.Downtime, "Mon 09:30-10:30 Europe/Berlin"], "OffHours/Namespace/downscaler/downtime/0" },
        { "Tarnfui's downtime wins on the workload", MondayMorning, [T.Downtime, "never", K.Downtime, "always"], [], "WorkingHours/Workload/-" },
        { "Tarnfui's downtime wins on the namespace", MondayMorning, [], [T.Downtime, "never", K.Downtime, "always"], "WorkingHours/Namespace/-" },
        { "per key: Tarnfui's uptime with their downtime", MondayMorning, [T.Uptime, "always", K.Downtime, "Mon 09:30-10:30 Europe/Berlin"], [], "OffHours/Workload/downscaler/downtime/0" },
        { "an uptime Tarnfui's grammar refuses", MondayMorning, [K.Uptime, "Mon-Fri 07:00-25:00 UTC"], [], "Invalid/Workload/downscaler/uptime" },

        // downtime-replicas: a count, not a percentage
        { "downtime-replicas on the workload", MondayNight, [K.DowntimeReplicas, "2"], [], "OffHours/Global/-/2" },
        { "downtime-replicas on the namespace", MondayNight, [], [K.DowntimeReplicas, "1"], "OffHours/Global/-/1" },
        { "Tarnfui's downtime-replicas wins on the workload", MondayNight, [T.DowntimeReplicas, "1", K.DowntimeReplicas, "3"], [], "OffHours/Global/-/1" },
        { "Tarnfui's downtime-replicas wins on the namespace", MondayNight, [], [T.DowntimeReplicas, "1", K.DowntimeReplicas, "3"], "OffHours/Global/-/1" },
        { "downtime-replicas as a percentage", MondayNight, [K.DowntimeReplicas, "50%"], [], "Invalid/Workload/downscaler/downtime-replicas" },

        // force-downtime: off-hours whatever the schedule, an exclusion still wins
        { "force-downtime on the workload in working hours", MondayMorning, [K.ForceDowntime, "true"], [], "OffHours/Global/-/0/forced" },
        { "force-downtime on the namespace", MondayMorning, [], [K.ForceDowntime, "TRUE"], "OffHours/Global/-/0/forced" },
        { "force-downtime as a spec that matches", MondayMorning, [], [K.ForceDowntime, "Mon 09:00-11:00 Europe/Berlin"], "OffHours/Global/-/0/forced" },
        { "force-downtime as a spec that does not match", MondayMorning, [], [K.ForceDowntime, "Mon 12:00-13:00 Europe/Berlin"], "WorkingHours/Global/-/forced" },
        { "force-downtime=false", MondayMorning, [K.ForceDowntime, "false"], [], "WorkingHours/Global/-" },
        { "force-downtime beats the namespace's uptime", MondayMorning, [], [K.ForceDowntime, "true", K.Uptime, "always"], "OffHours/Namespace/downscaler/uptime/0/forced" },
        { "force-downtime neither a boolean nor a spec", MondayMorning, [K.ForceDowntime, "maybe"], [], "Invalid/Workload/downscaler/force-downtime" },
        { "Tarnfui's force-downtime wins on the workload", MondayMorning, [T.ForceDowntime, "false", K.ForceDowntime, "true"], [], "WorkingHours/Global/-" },
        { "Tarnfui's force-downtime wins on the namespace", MondayMorning, [], [T.ForceDowntime, "false", K.ForceDowntime, "true"], "WorkingHours/Global/-" },
        { "a workload opts out of its namespace's forced downtime", MondayMorning, [K.ForceDowntime, "false"], [T.ForceDowntime, "true"], "WorkingHours/Global/-" },
        { "an exclusion wins over a forced downtime", MondayMorning, [K.ForceDowntime, "true"], [K.Exclude, "true"], "Exempt/ExcludeAnnotation/Namespace/downscaler/exclude" },
    };

    [Theory, MemberData(nameof(Compatible))]
    public void With_the_option_on_their_keys_read_as_Tarnfui_s(string because, string at, string[] workload, string[] ns, string expected) =>
        Summary(Resolve(On, at, workload, ns)).ShouldBe(expected, because);

    public static TheoryData<string, string, string[], string[], string> Ignored => new()
    {
        { "exclude", MondayNight, [K.Exclude, "true"], [K.Exclude, "true"], "OffHours/Global/-/0" },
        { "exclude-until", MondayNight, [K.ExcludeUntil, "2026-11-30"], [], "OffHours/Global/-/0" },
        { "uptime", MondayMorning, [K.Uptime, "never"], [], "WorkingHours/Global/-" },
        { "downtime", MondayMorning, [], [K.Downtime, "always"], "WorkingHours/Global/-" },
        { "downtime-replicas, even a percentage", MondayNight, [K.DowntimeReplicas, "50%"], [], "OffHours/Global/-/0" },
        { "force-downtime", MondayMorning, [K.ForceDowntime, "true"], [], "WorkingHours/Global/-" },
        { "Tarnfui's own force-downtime needs no option", MondayMorning, [T.ForceDowntime, "true"], [], "OffHours/Global/-/0/forced" },
    };

    [Theory, MemberData(nameof(Ignored))]
    public void With_the_option_off_their_keys_are_ignored(string because, string at, string[] workload, string[] ns, string expected) =>
        Summary(Resolve(Off, at, workload, ns)).ShouldBe(expected, because);

    [Fact]
    public void A_percentage_is_refused_with_the_key_and_a_count_to_write_instead()
    {
        var decision = Resolve(On, MondayNight, [K.DowntimeReplicas, "50%"], []).ShouldBeOfType<PolicyDecision.Invalid>();
        decision.Message.ShouldBe("downscaler/downtime-replicas: \"50%\" is a percentage, which Tarnfui does not take; write a replica count, e.g. \"1\"");
    }

    [Fact]
    public void A_forced_downtime_spec_ends_when_the_spec_stops_matching()
    {
        var decision = Resolve(On, MondayMorning, [], [K.ForceDowntime, "Mon 09:00-11:00 Europe/Berlin"]).ShouldBeOfType<PolicyDecision.OffHours>();
        decision.NextWorkingHours.ShouldBe(At("2026-11-23T10:00:00Z"));
        decision.Schedule.Forced.ShouldBe("downscaler/force-downtime=Mon 09:00-11:00 Europe/Berlin on the namespace");
    }

    [Fact]
    public void Forced_downtime_true_has_no_end()
    {
        var decision = Resolve(On, MondayMorning, [K.ForceDowntime, "true"], []).ShouldBeOfType<PolicyDecision.OffHours>();
        decision.NextWorkingHours.ShouldBeNull();
    }

    private static PolicyDecision Resolve(PolicyResolver resolver, string at, string[] workload, string[] ns) =>
        resolver.Resolve(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), Map(workload), false, Map(ns), At(at));

    private static string Summary(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Exempt e => $"Exempt/{e.Reason}/{e.Scope}/{e.Detail.Split('=')[0]}",
        PolicyDecision.Invalid i => $"Invalid/{i.Scope}/{i.AnnotationKey}",
        PolicyDecision.OffHours o => $"OffHours/{o.Schedule.Source}/{o.Schedule.ReadFrom ?? "-"}/{o.DowntimeReplicas}{(o.Schedule.Forced is null ? "" : "/forced")}",
        PolicyDecision.WorkingHours w => $"WorkingHours/{w.Schedule.Source}/{w.Schedule.ReadFrom ?? "-"}{(w.Schedule.Forced is null ? "" : "/forced")}",
        _ => decision.ToString(),
    };

    private static Dictionary<string, string>? Map(string[] pairs)
    {
        if (pairs.Length == 0)
        {
            return null;
        }

        var map = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            map[pairs[i]] = pairs[i + 1];
        }

        return map;
    }

    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;
}
