using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

/// <summary><c>tarnfui.io/restore</c>: where it is read from, what it leaves of the decision, and what is invalid.</summary>
public class ManualRestoreTests
{
    private const string Restore = WellKnown.Annotations.Restore;
    private const string Manual = WellKnown.Annotations.ManualRestoreValue;
    private const string MondayMorning = "2026-11-23T09:00:00Z";
    private const string MondayNight = "2026-11-23T22:00:00Z";

    private static readonly PolicyResolver Resolver = new(GlobalPolicy.Create(Options()).Value);

    private static ScheduleOptions Options()
    {
        var options = new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "Europe/Berlin" };
        options.ExcludedNamespaces.Add("legacy");
        return options;
    }

    private static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    private static Dictionary<string, string>? Map(string[] pairs) =>
        pairs.Length == 0 ? null : Enumerable.Range(0, pairs.Length / 2).ToDictionary(i => pairs[2 * i], i => pairs[(2 * i) + 1]);

    private static PolicyDecision Resolve(string at, string[] workload, string[] ns, string @namespace = "shop") =>
        Resolver.Resolve(new WorkloadRef(WorkloadKind.Deployment, @namespace, "api"), Map(workload), false, Map(ns), At(at));

    public static TheoryData<string, string, string[], string[], string> Outcomes => new()
    {
        { "manual on the workload, at night: off-hours as usual", MondayNight, [Restore, Manual], [], "OffHours/manual:Workload" },
        { "manual on the workload, in the morning: working hours, restored by no one but a person", MondayMorning, [Restore, Manual], [], "WorkingHours/manual:Workload" },
        { "manual on the namespace", MondayMorning, [], [Restore, Manual], "WorkingHours/manual:Namespace" },
        { "any case and spaces", MondayMorning, [Restore, " Manual "], [], "WorkingHours/manual:Workload" },
        { "the workload's value wins over the namespace's", MondayMorning, [Restore, Manual], [Restore, "auto"], "WorkingHours/manual:Workload" },
        { "an invalid workload value hides a valid namespace one: invalid", MondayMorning, [Restore, "auto"], [Restore, Manual], $"Invalid/{Restore}/Workload" },
        { "any other value is invalid", MondayNight, [Restore, "never"], [], $"Invalid/{Restore}/Workload" },
        { "an empty value is invalid", MondayNight, [Restore, ""], [], $"Invalid/{Restore}/Workload" },
        { "an invalid namespace value is invalid", MondayNight, [], [Restore, "true"], $"Invalid/{Restore}/Namespace" },
        { "with an exclusion it stays manual", MondayNight, [Restore, Manual, WellKnown.Annotations.Exclude, "true"], [], "Exempt/manual:Workload" },
        { "with a forced sleep it stays manual", MondayMorning, [Restore, Manual, WellKnown.Annotations.SleepUntil, "2026-11-27"], [], "OffHours/manual:Workload" },
        { "with another invalid annotation the whole policy is invalid, not manual", MondayMorning, [Restore, Manual, WellKnown.Annotations.Uptime, "whenever"], [], $"Invalid/{WellKnown.Annotations.Uptime}/Workload" },
        { "absent: restored automatically", MondayMorning, [], [], "WorkingHours/auto" },
    };

    [Theory, MemberData(nameof(Outcomes))]
    public void Resolve_follows_the_table(string because, string at, string[] workload, string[] ns, string expected) =>
        Summary(Resolve(at, workload, ns)).ShouldBe(expected, because);

    [Fact]
    public void A_namespace_excluded_by_configuration_keeps_a_valid_manual_and_ignores_an_invalid_value()
    {
        Summary(Resolve(MondayNight, [Restore, Manual], [], "legacy")).ShouldBe("Exempt/manual:Workload");
        Summary(Resolve(MondayNight, [Restore, "later"], [], "legacy")).ShouldBe("Exempt/auto", "a workload never stopped has nothing to restore");
    }

    [Fact]
    public void The_error_names_the_key_the_value_and_the_one_valid_value()
    {
        var invalid = Resolve(MondayNight, [Restore, "never"], []).ShouldBeOfType<PolicyDecision.Invalid>();
        invalid.Message.ShouldBe($"{Restore}: \"never\" is not a restore mode; the only one is \"{Manual}\" (never restored by the sweeper), or remove the annotation");
    }

    private static string Summary(PolicyDecision decision)
    {
        var manual = decision.ManualRestore is { } scope ? $"manual:{scope}" : "auto";
        return decision switch
        {
            PolicyDecision.Exempt => $"Exempt/{manual}",
            PolicyDecision.WorkingHours => $"WorkingHours/{manual}",
            PolicyDecision.OffHours => $"OffHours/{manual}",
            PolicyDecision.Invalid i => $"Invalid/{i.AnnotationKey}/{i.Scope}",
            _ => decision.ToString(),
        };
    }
}
