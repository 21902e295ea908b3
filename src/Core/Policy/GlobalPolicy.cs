using NodaTime;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Policy;

/// <summary>
/// <see cref="ScheduleOptions"/> parsed once: the defaults, the global schedule pair, the holidays and the
/// namespaces that are never stopped.
/// </summary>
public sealed class GlobalPolicy
{
    // CONTRACT (issue #3): members may grow; Create is what composition calls.

    private GlobalPolicy(ScheduleDefaults defaults, EffectiveSchedule schedule, ScheduleSpec holidays, IReadOnlySet<string> untouchable, IReadOnlySet<string> excluded)
    {
        Defaults = defaults;
        Schedule = schedule;
        Holidays = holidays;
        NeverTouchedNamespaces = untouchable;
        ExcludedNamespaces = excluded;
    }

    public ScheduleDefaults Defaults { get; }

    public EffectiveSchedule Schedule { get; }

    /// <summary>All holidays as one spec (<c>never</c> when there are none).</summary>
    public ScheduleSpec Holidays { get; }

    /// <summary>kube-system, kube-public, kube-node-lease and the own namespace.</summary>
    public IReadOnlySet<string> NeverTouchedNamespaces { get; }

    public IReadOnlySet<string> ExcludedNamespaces { get; }

    /// <summary>The zone holidays and date-only exclude-until values are read in.</summary>
    public DateTimeZone TimeZone => Defaults.TimeZone ?? DateTimeZone.Utc;

    /// <summary>Parses the options; the error names the key and the value (<c>Schedule:Uptime: …</c>).</summary>
    public static ParseResult<GlobalPolicy> Create(ScheduleOptions options) => throw new NotImplementedException();
}
