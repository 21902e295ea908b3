using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Schedule;
using Tarnfui.Core.Scope;

namespace Tarnfui.Core.Policy;

/// <summary>
/// <see cref="ScheduleOptions"/> parsed once: the defaults, the global schedule pair, the holidays and the
/// namespaces that are never stopped; with <see cref="ScopeOptions"/> and <see cref="PolicyOptions"/>, the scope.
/// </summary>
public sealed class GlobalPolicy
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    private GlobalPolicy(ScheduleDefaults defaults, EffectiveSchedule schedule, ScheduleSpec holidays, IReadOnlySet<string> untouchable, IReadOnlySet<string> excluded, ScopeRules scope)
    {
        Defaults = defaults;
        Schedule = schedule;
        Holidays = holidays;
        NeverTouchedNamespaces = untouchable;
        ExcludedNamespaces = excluded;
        Scope = scope;
    }

    public ScheduleDefaults Defaults { get; }

    public EffectiveSchedule Schedule { get; }

    /// <summary>All holidays as one spec (<c>never</c> when there are none).</summary>
    public ScheduleSpec Holidays { get; }

    /// <summary>kube-system, kube-public, kube-node-lease and the own namespace.</summary>
    public IReadOnlySet<string> NeverTouchedNamespaces { get; }

    /// <summary><c>Schedule:ExcludedNamespaces</c> as written: names and globs (<see cref="ScopeRules.Excluded"/> matches them).</summary>
    public IReadOnlySet<string> ExcludedNamespaces { get; }

    /// <summary><c>Scope:Namespaces</c>, the excluded namespaces and the <c>Policy</c> selectors.</summary>
    public ScopeRules Scope { get; }

    /// <summary>Whether kube-downscaler's annotations are read too (<see cref="PolicyOptions.KubeDownscalerAnnotations"/>).</summary>
    public bool KubeDownscalerAnnotations { get; private init; }

    /// <summary>The zone holidays and date-only exclude-until values are read in.</summary>
    public DateTimeZone TimeZone => Defaults.TimeZone ?? DateTimeZone.Utc;

    /// <summary>Parses the options; the error names the key and the value (<c>Schedule:Uptime: …</c>).</summary>
    public static ParseResult<GlobalPolicy> Create(ScheduleOptions options) => Create(options, new ScopeOptions(), new PolicyOptions());

    /// <summary>Parses the schedule and the <c>Policy</c> section, with no <c>Scope</c>.</summary>
    public static ParseResult<GlobalPolicy> Create(ScheduleOptions options, PolicyOptions policy) => Create(options, new ScopeOptions(), policy);

    /// <summary>Parses the schedule, the scope and the selectors; the error names the key and the value.</summary>
    public static ParseResult<GlobalPolicy> Create(ScheduleOptions options, ScopeOptions scope, PolicyOptions policy)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(policy);
        var defaults = ScheduleDefaults.Create(options.TimeZone, string.IsNullOrWhiteSpace(options.DefaultWeekframe) ? null : options.DefaultWeekframe);
        if (!defaults.IsValid)
        {
            return ParseResult<GlobalPolicy>.Fail($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.TimeZone)}/{nameof(ScheduleOptions.DefaultWeekframe)}: {defaults.Error}");
        }

        var uptime = ScheduleSpec.Parse(options.Uptime ?? string.Empty, defaults.Value);
        if (!uptime.IsValid)
        {
            return ParseResult<GlobalPolicy>.Fail($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.Uptime)}: {uptime.Error}");
        }

        var downtime = ScheduleSpec.Parse(options.Downtime ?? string.Empty, defaults.Value);
        if (!downtime.IsValid)
        {
            return ParseResult<GlobalPolicy>.Fail($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.Downtime)}: {downtime.Error}");
        }

        var holidays = ParseHolidays(options.Holidays, defaults.Value);
        if (!holidays.IsValid)
        {
            return ParseResult<GlobalPolicy>.Fail(holidays.Error);
        }

        if (string.IsNullOrWhiteSpace(options.OwnNamespace))
        {
            return ParseResult<GlobalPolicy>.Fail($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.OwnNamespace)} must name a namespace, got \"{options.OwnNamespace}\"");
        }

        var untouchable = new HashSet<string>(WellKnown.NeverTouchedNamespaces, StringComparer.Ordinal) { options.OwnNamespace };
        var excluded = new HashSet<string>(options.ExcludedNamespaces.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()), StringComparer.Ordinal);
        var rules = ScopeRules.Create(options, scope, policy);
        if (!rules.IsValid)
        {
            return ParseResult<GlobalPolicy>.Fail(rules.Error);
        }

        var schedule = new EffectiveSchedule(uptime.Value, downtime.Value, PolicyScope.Global);
        return ParseResult<GlobalPolicy>.Ok(new GlobalPolicy(defaults.Value, schedule, holidays.Value, untouchable, excluded, rules.Value)
        {
            KubeDownscalerAnnotations = policy.KubeDownscalerAnnotations,
        });
    }

    // A holiday is a date (the whole day in Schedule:TimeZone) or an absolute range; together they form one spec.
    private static ParseResult<ScheduleSpec> ParseHolidays(IList<string> holidays, ScheduleDefaults defaults)
    {
        var zone = defaults.TimeZone ?? DateTimeZone.Utc;
        var parts = new List<string>();
        for (var i = 0; i < holidays.Count; i++)
        {
            var text = holidays[i]?.Trim() ?? string.Empty;
            var date = DatePattern.Parse(text);
            if (date.Success)
            {
                var start = date.Value.AtStartOfDayInZone(zone).ToInstant();
                var end = date.Value.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
                parts.Add($"{InstantPattern.ExtendedIso.Format(start)}-{InstantPattern.ExtendedIso.Format(end)}");
                continue;
            }

            var range = ScheduleSpec.Parse(text, defaults);
            if (!range.IsValid)
            {
                return ParseResult<ScheduleSpec>.Fail(
                    $"{ScheduleOptions.Section}:{nameof(ScheduleOptions.Holidays)}:{i.ToString(CultureInfo.InvariantCulture)}: \"{text}\" is neither a date " +
                    $"(YYYY-MM-DD) nor a schedule spec ({range.Error}); example: \"2026-12-25\"");
            }

            parts.Add(text);
        }

        // Each entry reads on its own; together they may still exceed a spec's limits, which the message must place.
        var all = ScheduleSpec.Parse(parts.Count == 0 ? "never" : string.Join(", ", parts), defaults);
        return all.IsValid
            ? all
            : ParseResult<ScheduleSpec>.Fail($"{ScheduleOptions.Section}:{nameof(ScheduleOptions.Holidays)}: {holidays.Count.ToString(CultureInfo.InvariantCulture)} entries: {all.Error}");
    }
}
