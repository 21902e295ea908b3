using System.CommandLine;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Policy;

/// <summary>
/// The global schedule configuration the commands evaluate against. Read from Tarnfui's ConfigMap when it is
/// installed; each flag overrides the ConfigMap's value; what neither sets takes the sweeper's defaults.
/// </summary>
internal sealed class PolicyFlags
{
    public Option<string?> Uptime { get; } = new("--uptime") { Description = $"Global working hours (default: the ConfigMap's {ScheduleOptions.Section}:{nameof(ScheduleOptions.Uptime)}, else \"{new ScheduleOptions().Uptime}\")" };

    public Option<string?> Downtime { get; } = new("--downtime") { Description = $"Global off-hours on top of the uptime (default: the ConfigMap's, else \"{new ScheduleOptions().Downtime}\")" };

    public Option<string?> TimeZone { get; } = new("--timezone") { Description = $"tzdb zone of schedule parts that name none (default: the ConfigMap's, else {new ScheduleOptions().TimeZone})" };

    public Option<string?> DefaultWeekframe { get; } = new("--default-weekframe") { Description = "Day range of schedule parts that name none, e.g. Mon-Fri (default: the ConfigMap's, else none)" };

    public Option<string[]> Holidays { get; } = new("--holiday") { Description = "A holiday (YYYY-MM-DD or an absolute range); repeat the flag; replaces the ConfigMap's list", AllowMultipleArgumentsPerToken = false };

    public Option<string[]> ExcludedNamespaces { get; } = new("--exclude-namespace") { Description = "A namespace never stopped; repeat the flag; replaces the ConfigMap's list" };

    public Option<string> TarnfuiNamespace { get; } = new("--tarnfui-namespace")
    {
        Description = $"The namespace Tarnfui is installed in: never touched, and where its ConfigMap {WellKnown.Objects.ConfigMap} is read",
        DefaultValueFactory = _ => WellKnown.Objects.Namespace,
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Uptime);
        command.Options.Add(Downtime);
        command.Options.Add(TimeZone);
        command.Options.Add(DefaultWeekframe);
        command.Options.Add(Holidays);
        command.Options.Add(ExcludedNamespaces);
        command.Options.Add(TarnfuiNamespace);
    }

    /// <summary>The flags that were given, as configuration keys (<c>Schedule:Uptime</c>); list flags as their whole list.</summary>
    public PolicyOverrides Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var scalars = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Put(scalars, nameof(ScheduleOptions.Uptime), parse.GetValue(Uptime));
        Put(scalars, nameof(ScheduleOptions.Downtime), parse.GetValue(Downtime));
        Put(scalars, nameof(ScheduleOptions.TimeZone), parse.GetValue(TimeZone));
        Put(scalars, nameof(ScheduleOptions.DefaultWeekframe), parse.GetValue(DefaultWeekframe));
        var holidays = parse.GetValue(Holidays);
        var excluded = parse.GetValue(ExcludedNamespaces);
        return new PolicyOverrides(
            scalars,
            holidays is { Length: > 0 } ? holidays : null,
            excluded is { Length: > 0 } ? excluded : null,
            parse.GetValue(TarnfuiNamespace) is { Length: > 0 } own ? own : WellKnown.Objects.Namespace);
    }

    private static void Put(Dictionary<string, string> map, string key, string? value)
    {
        if (value is not null)
        {
            map[$"{ScheduleOptions.Section}:{key}"] = value;
        }
    }
}

/// <summary>Configuration given on the command line: scalar keys, lists that replace the ConfigMap's when set, and Tarnfui's namespace.</summary>
internal sealed record PolicyOverrides(IReadOnlyDictionary<string, string> Scalars, IReadOnlyList<string>? Holidays, IReadOnlyList<string>? ExcludedNamespaces, string OwnNamespace)
{
    public static readonly PolicyOverrides None = new(new Dictionary<string, string>(), null, null, WellKnown.Objects.Namespace);

    /// <summary>Whether any schedule setting was given on the command line.</summary>
    public bool Any => Scalars.Count > 0 || Holidays is not null || ExcludedNamespaces is not null;
}
