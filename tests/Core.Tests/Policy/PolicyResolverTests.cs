using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

public class PolicyResolverTests
{
    private const string Shop = "shop";
    private const string Monday1000Berlin = "2026-11-23T09:00:00Z";
    private const string Monday2300Berlin = "2026-11-23T22:00:00Z";
    private const string Future = "2026-11-24T12:00:00Z";
    private const string Past = "2026-11-20T12:00:00Z";

    private static readonly PolicyResolver Resolver = new(GlobalPolicy.Create(Options()).Value);

    private static ScheduleOptions Options()
    {
        var options = new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "Europe/Berlin" };
        options.Holidays.Add("2026-12-25");
        options.ExcludedNamespaces.Add("legacy");
        return options;
    }

    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static Dictionary<string, string>? Map(params string[] pairs)
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

    private static PolicyDecision Resolve(string at, string[] workload, string[] ns, string @namespace = Shop, bool operatorOwned = false) =>
        Resolver.Resolve(new WorkloadRef(WorkloadKind.Deployment, @namespace, "api"), Map(workload), operatorOwned, Map(ns), At(at));

    public static TheoryData<string, string, string[], string[], string> Outcomes => new()
    {
        { "working hours on a Monday morning", Monday1000Berlin, [], [], "WorkingHours/Global" },
        { "off-hours on a Monday night", Monday2300Berlin, [], [], "OffHours/Global" },
        { "off-hours on a Saturday noon", "2026-11-28T11:00:00Z", [], [], "OffHours/Global" },
        { "a holiday is off-hours in working time", "2026-12-25T09:00:00Z", [], [], "OffHours/Global" },
        { "exclude on the workload", Monday2300Berlin, [WellKnown.Annotations.Exclude, "true"], [], "Exempt/ExcludeAnnotation/Workload" },
        { "exclude is case-insensitive", Monday2300Berlin, [WellKnown.Annotations.Exclude, "TRUE"], [], "Exempt/ExcludeAnnotation/Workload" },
        { "exclude on the namespace", Monday2300Berlin, [], [WellKnown.Annotations.Exclude, "true"], "Exempt/ExcludeAnnotation/Namespace" },
        { "workload exclude=false overrides the namespace", Monday2300Berlin, [WellKnown.Annotations.Exclude, "false"], [WellKnown.Annotations.Exclude, "true"], "OffHours/Global" },
        { "exclude=false alone changes nothing", Monday2300Berlin, [WellKnown.Annotations.Exclude, "false"], [], "OffHours/Global" },
        { "exclude with a non-boolean is invalid", Monday2300Berlin, [WellKnown.Annotations.Exclude, "yes"], [], "Invalid/Workload" },
        { "exclude-until in the future (RFC 3339)", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, Future], [], "Exempt/ExcludeUntil/Workload" },
        { "exclude-until in the future with an offset", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, "2026-11-24T13:00:00+01:00"], [], "Exempt/ExcludeUntil/Workload" },
        { "exclude-until in the future (date form)", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, "2026-11-25"], [], "Exempt/ExcludeUntil/Workload" },
        { "exclude-until expired is ignored", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, Past], [], "OffHours/Global" },
        { "exclude-until expired (date form) is ignored", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, "2026-11-23"], [], "OffHours/Global" },
        { "exclude-until on the namespace", Monday2300Berlin, [], [WellKnown.Annotations.ExcludeUntil, Future], "Exempt/ExcludeUntil/Namespace" },
        { "expired workload exclude-until does not hide the namespace's", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, Past], [WellKnown.Annotations.ExcludeUntil, Future], "Exempt/ExcludeUntil/Namespace" },
        { "exclude-until that is not a time is invalid", Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, "tomorrow"], [], "Invalid/Workload" },
        { "workload uptime overrides the global one", Monday1000Berlin, [WellKnown.Annotations.Uptime, "Mon-Fri 08:00-09:00"], [], "OffHours/Workload" },
        { "namespace uptime applies to its workloads", Monday2300Berlin, [], [WellKnown.Annotations.Uptime, "always"], "WorkingHours/Namespace" },
        { "workload uptime beats the namespace's", Monday2300Berlin, [WellKnown.Annotations.Uptime, "Mon-Fri 08:00-09:00"], [WellKnown.Annotations.Uptime, "always"], "OffHours/Workload" },
        { "the pair is taken whole: downtime alone means uptime always", Monday2300Berlin, [], [WellKnown.Annotations.Downtime, "Mon 12:00-13:00"], "WorkingHours/Namespace" },
        { "downtime inside uptime is off-hours", Monday1000Berlin, [WellKnown.Annotations.Downtime, "Mon 09:30-10:30"], [], "OffHours/Workload" },
        { "holidays apply whatever the workload schedule says", "2026-12-25T09:00:00Z", [WellKnown.Annotations.Uptime, "always"], [], "OffHours/Workload" },
        { "an invalid workload uptime is invalid", Monday2300Berlin, [WellKnown.Annotations.Uptime, "Mon-Thur 09:00-20:00"], [], "Invalid/Workload" },
        { "an invalid namespace downtime is invalid", Monday2300Berlin, [], [WellKnown.Annotations.Downtime, "whenever"], "Invalid/Namespace" },
        { "an invalid namespace schedule is shadowed by the workload's", Monday2300Berlin, [WellKnown.Annotations.Uptime, "always"], [WellKnown.Annotations.Uptime, "whenever"], "WorkingHours/Workload" },
        { "invalid downtime-replicas is invalid", Monday2300Berlin, [WellKnown.Annotations.DowntimeReplicas, "-1"], [], "Invalid/Workload" },
    };

    [Theory, MemberData(nameof(Outcomes))]
    public void Resolve_follows_the_table(string because, string at, string[] workload, string[] ns, string expected) =>
        Summary(Resolve(at, workload, ns)).ShouldBe(expected, because);

    public static TheoryData<string, string, string> UntouchableNamespaces => new()
    {
        { "kube-system is never touched", "kube-system", "Exempt/NeverTouchedNamespace/Global" },
        { "kube-public is never touched", "kube-public", "Exempt/NeverTouchedNamespace/Global" },
        { "kube-node-lease is never touched", "kube-node-lease", "Exempt/NeverTouchedNamespace/Global" },
        { "Tarnfui's own namespace is never touched", WellKnown.Objects.Namespace, "Exempt/NeverTouchedNamespace/Global" },
        { "a namespace excluded by configuration", "legacy", "Exempt/ExcludedByConfiguration/Global" },
    };

    [Theory, MemberData(nameof(UntouchableNamespaces))]
    public void Never_touched_namespaces_win_over_annotations(string because, string @namespace, string expected)
    {
        // Even an annotation asking for always-off cannot reach these namespaces.
        var decision = Resolve(Monday2300Berlin, [WellKnown.Annotations.Uptime, "never"], [WellKnown.Annotations.Exclude, "false"], @namespace);
        Summary(decision).ShouldBe(expected, because);
    }

    [Fact]
    public void Own_namespace_from_configuration_is_never_touched()
    {
        var options = Options();
        options.OwnNamespace = "platform-tarnfui";
        var resolver = new PolicyResolver(GlobalPolicy.Create(options).Value);
        var decision = resolver.Resolve(new WorkloadRef(WorkloadKind.StatefulSet, "platform-tarnfui", "db"), null, false, null, At(Monday2300Berlin));
        Summary(decision).ShouldBe("Exempt/NeverTouchedNamespace/Global");
    }

    [Fact]
    public void Operator_owned_workloads_are_exempt_at_night() =>
        Summary(Resolve(Monday2300Berlin, [], [], operatorOwned: true)).ShouldBe("Exempt/OperatorOwned/Workload");

    [Fact]
    public void Off_hours_say_when_working_hours_start_again()
    {
        var decision = Resolve(Monday2300Berlin, [], []).ShouldBeOfType<PolicyDecision.OffHours>();
        decision.NextWorkingHours.ShouldBe(At("2026-11-24T06:00:00Z"));
        decision.DowntimeReplicas.ShouldBe(0);
        decision.Holiday.ShouldBeFalse();
    }

    [Fact]
    public void Friday_evening_comes_back_on_Monday_morning()
    {
        var decision = Resolve("2026-11-27T19:00:00Z", [], []).ShouldBeOfType<PolicyDecision.OffHours>();
        decision.NextWorkingHours.ShouldBe(At("2026-11-30T06:00:00Z"));
    }

    [Fact]
    public void A_holiday_on_Friday_skips_to_Monday()
    {
        var decision = Resolve("2026-12-25T09:00:00Z", [], []).ShouldBeOfType<PolicyDecision.OffHours>();
        decision.Holiday.ShouldBeTrue();
        decision.NextWorkingHours.ShouldBe(At("2026-12-28T06:00:00Z"));
    }

    [Fact]
    public void Working_hours_say_when_off_hours_start()
    {
        var decision = Resolve(Monday1000Berlin, [], []).ShouldBeOfType<PolicyDecision.WorkingHours>();
        decision.NextOffHours.ShouldBe(At("2026-11-23T18:00:00Z"));
    }

    [Fact]
    public void Exclude_until_reports_its_end()
    {
        var decision = Resolve(Monday2300Berlin, [WellKnown.Annotations.ExcludeUntil, "2026-11-25"], []).ShouldBeOfType<PolicyDecision.Exempt>();
        decision.Until.ShouldBe(At("2026-11-24T23:00:00Z"), "a date means the start of that day in Schedule:TimeZone (Berlin, UTC+1)");
    }

    public static TheoryData<string, string[], string[], int> DowntimeReplicas => new()
    {
        { "default is zero", [], [], 0 },
        { "from the workload", [WellKnown.Annotations.DowntimeReplicas, "2"], [], 2 },
        { "from the namespace", [], [WellKnown.Annotations.DowntimeReplicas, "1"], 1 },
        { "the workload beats the namespace", [WellKnown.Annotations.DowntimeReplicas, "3"], [WellKnown.Annotations.DowntimeReplicas, "1"], 3 },
    };

    [Theory, MemberData(nameof(DowntimeReplicas))]
    public void Downtime_replicas_come_from_the_most_specific_scope(string because, string[] workload, string[] ns, int expected) =>
        Resolve(Monday2300Berlin, workload, ns).ShouldBeOfType<PolicyDecision.OffHours>().DowntimeReplicas.ShouldBe(expected, because);

    public static TheoryData<string, string[], string[], string, string> InvalidMessages => new()
    {
        { "exclude", [WellKnown.Annotations.Exclude, "yes"], [], WellKnown.Annotations.Exclude, "\"yes\" is not a boolean" },
        { "exclude-until", [WellKnown.Annotations.ExcludeUntil, "tomorrow"], [], WellKnown.Annotations.ExcludeUntil, "example: \"2026-11-23T18:00:00Z\" or \"2026-11-24\"" },
        { "downtime-replicas", [WellKnown.Annotations.DowntimeReplicas, "two"], [], WellKnown.Annotations.DowntimeReplicas, "\"two\" is not a replica count" },
        { "uptime", [WellKnown.Annotations.Uptime, "Mon-Thur 09:00-20:00"], [], WellKnown.Annotations.Uptime, "Thur" },
        { "namespace downtime", [], [WellKnown.Annotations.Downtime, "whenever"], WellKnown.Annotations.Downtime, "namespace" },
    };

    [Theory, MemberData(nameof(InvalidMessages))]
    public void Invalid_annotations_are_never_a_stop_and_say_why(string because, string[] workload, string[] ns, string key, string fragment)
    {
        var invalid = Resolve(Monday2300Berlin, workload, ns).ShouldBeOfType<PolicyDecision.Invalid>(because);
        invalid.AnnotationKey.ShouldBe(key);
        invalid.Message.ShouldContain(key);
        invalid.Message.ShouldContain(fragment);
    }

    // downtime-replicas does not apply to a kind stopped through spec.suspend: an unreadable one must not leave it running.
    [Theory]
    [InlineData("on the CronJob", true)]
    [InlineData("on its namespace", false)]
    public void A_CronJob_ignores_downtime_replicas_it_has_no_use_for(string because, bool onWorkload)
    {
        string[] unreadable = [WellKnown.Annotations.DowntimeReplicas, "two"];
        string[] exclude = [WellKnown.Annotations.Exclude, "true"];
        var cronJob = new WorkloadRef(WorkloadKind.CronJob, Shop, "nightly");

        Resolver.Resolve(cronJob, Map(onWorkload ? unreadable : []), false, Map(onWorkload ? [] : unreadable), At(Monday2300Berlin))
            .ShouldBeOfType<PolicyDecision.OffHours>(because).DowntimeReplicas.ShouldBe(0);
        Resolver.Resolve(cronJob, Map(exclude), false, null, At(Monday2300Berlin)).ShouldBeOfType<PolicyDecision.Exempt>("exclusions apply as to a Deployment");
        Resolve(Monday2300Berlin, onWorkload ? unreadable : [], onWorkload ? [] : unreadable).ShouldBeOfType<PolicyDecision.Invalid>("a Deployment still reads it");
    }

    private static string Summary(PolicyDecision decision) => decision switch
    {
        PolicyDecision.Exempt e => $"Exempt/{e.Reason}/{e.Scope}",
        PolicyDecision.WorkingHours w => $"WorkingHours/{w.Schedule.Source}",
        PolicyDecision.OffHours o => $"OffHours/{o.Schedule.Source}",
        PolicyDecision.Invalid i => $"Invalid/{i.Scope}",
        _ => decision.ToString(),
    };
}
