using System.CommandLine;
using NodaTime;
using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Sleep;

/// <summary><c>sleep --until T</c> or <c>--for D</c>: how long a forced sleep lasts, written as <c>tarnfui.io/sleep-until</c>.</summary>
internal sealed class SleepLength
{
    private readonly Option<string?> _until = new("--until")
    {
        Description = "Keep it stopped until then, even in working hours: an RFC 3339 instant (2026-12-24T18:00:00Z) or a date " +
            "(2027-01-04: the start of that day in the schedule's time zone)",
    };

    private readonly Option<string?> _for = new("--for") { Description = "Keep it stopped for this long, even in working hours, e.g. 90m, 48h, 168h" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(_until);
        command.Options.Add(_for);
    }

    /// <summary>The length asked for, null when neither flag is given, or the error of a bad value or of both flags.</summary>
    public ParseResult<Requested?> Read(System.CommandLine.ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var until = parse.GetValue(_until);
        var length = parse.GetValue(_for);
        if (until is not null && length is not null)
        {
            return ParseResult<Requested?>.Fail("use --until or --for, not both");
        }

        if (until is not null)
        {
            // The zone of a date is the schedule's, known once the configuration is read: here only the form is checked.
            var form = AnnotationValues.ParseInstantOrDate("--until", until, DateTimeZone.Utc);
            return form.IsValid ? ParseResult<Requested?>.Ok(new Requested(until, null)) : ParseResult<Requested?>.Fail(form.Error);
        }

        if (length is null)
        {
            return ParseResult<Requested?>.Ok(null);
        }

        var duration = DurationText.Parse(length);
        return duration.IsValid ? ParseResult<Requested?>.Ok(new Requested(null, duration.Value)) : ParseResult<Requested?>.Fail(duration.Error);
    }

    /// <summary>One of <paramref name="UntilText"/> and <paramref name="For"/>.</summary>
    public sealed record Requested(string? UntilText, Duration? For)
    {
        /// <summary>The end of the sleep: the instant or date (in <paramref name="zone"/>), or now + the duration; an error when it is not in the future.</summary>
        public ParseResult<Instant> Until(DateTimeZone zone, Instant now)
        {
            var end = For is { } length ? ParseResult<Instant>.Ok(now + length) : AnnotationValues.ParseInstantOrDate("--until", UntilText!, zone);
            if (!end.IsValid || end.Value > now)
            {
                return end;
            }

            return ParseResult<Instant>.Fail($"--until {UntilText} is not in the future (now is {AnnotationValues.FormatInstant(now)}); example: --until {AnnotationValues.FormatInstant(now + Duration.FromDays(7))}");
        }
    }
}
