using System.CommandLine;
using NodaTime;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Cli.Schedule;

/// <summary>The spec argument and the default options that <c>check</c> and <c>next</c> share.</summary>
internal sealed class ScheduleInput
{
    public Argument<string> Spec { get; } = new("spec")
    {
        Description = "The spec, e.g. \"Mon-Fri 07:30-20:30 Europe/Berlin\" (quote it: it has blanks).",
    };

    // Schedule:TimeZone defaults to UTC in the cluster; the CLI starts from the same default.
    public Option<string> DefaultTimeZone { get; } = new("--default-timezone")
    {
        Description = "The tzdb zone of parts that name none, as Schedule:TimeZone in the cluster.",
        HelpName = "tz",
        DefaultValueFactory = _ => "UTC",
    };

    public Option<string?> DefaultWeekframe { get; } = new("--default-weekframe")
    {
        Description = "The day range of parts that name none (e.g. Mon-Fri), as Schedule:DefaultWeekframe in the cluster.",
        HelpName = "Ddd-Ddd",
    };

    public void AddTo(Command command)
    {
        command.Add(Spec);
        command.Add(DefaultTimeZone);
        command.Add(DefaultWeekframe);
    }

    /// <summary>The parsed spec and its defaults, or null after writing the error to <paramref name="stderr"/>.</summary>
    public (ScheduleSpec Spec, ScheduleDefaults Defaults)? Parse(ParseResult parseResult, TextWriter stderr)
    {
        var defaults = ScheduleDefaults.Create(parseResult.GetValue(DefaultTimeZone), parseResult.GetValue(DefaultWeekframe));
        if (!defaults.IsValid)
        {
            stderr.WriteLine($"error: {defaults.Error}");
            return null;
        }

        var spec = ScheduleSpec.Parse(parseResult.GetValue(Spec) ?? string.Empty, defaults.Value);
        if (!spec.IsValid)
        {
            stderr.WriteLine($"error: {spec.Error}");
            return null;
        }

        return (spec.Value, defaults.Value);
    }

    /// <summary>The instant of <paramref name="option"/>, or now; null after writing the error.</summary>
    public static Instant? InstantOf(ParseResult parseResult, Option<string?> option, IClock clock, TextWriter stderr)
    {
        var text = parseResult.GetValue(option);
        if (text is null)
        {
            return clock.GetCurrentInstant();
        }

        var instant = Rfc3339.Parse(text);
        if (!instant.IsValid)
        {
            stderr.WriteLine($"error: {option.Name}: {instant.Error}");
            return null;
        }

        return instant.Value;
    }
}
