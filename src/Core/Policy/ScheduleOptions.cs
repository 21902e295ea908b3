namespace Tarnfui.Core.Policy;

/// <summary>
/// The global schedule configuration (section <c>Schedule</c>; environment <c>TARNFUI_Schedule__Uptime</c>, …).
/// Validated at start; <see cref="GlobalPolicy.Create(ScheduleOptions)"/> parses it.
/// </summary>
public sealed class ScheduleOptions
{
    public const string Section = "Schedule";

    /// <summary>Working hours where neither workload nor namespace sets a schedule.</summary>
    public string Uptime { get; set; } = "Mon-Fri 07:00-19:00";

    /// <summary>Off-hours that apply on top of the uptime (e.g. a maintenance night).</summary>
    public string Downtime { get; set; } = "never";

    /// <summary>The tzdb zone of parts that name none.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The day range of parts that name none (e.g. <c>Mon-Fri</c>); none by default.</summary>
    public string? DefaultWeekframe { get; set; }

    /// <summary>Dates (<c>2026-12-25</c>, whole days in <see cref="TimeZone"/>) or absolute ranges that are off-hours everywhere.</summary>
    public IList<string> Holidays { get; } = [];

    /// <summary>Namespaces never stopped, on top of the never-touched ones.</summary>
    public IList<string> ExcludedNamespaces { get; } = [];

    /// <summary>The namespace Tarnfui runs in: never touched.</summary>
    public string OwnNamespace { get; set; } = WellKnown.Objects.Namespace;
}
