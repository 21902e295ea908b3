using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Cli.Schedule;

/// <summary><c>schedule next "&lt;spec&gt;" [--from] [--count N] [-o text|json]</c>: the next transitions.</summary>
internal static class ScheduleNextCommand
{
    // The policy resolver's horizon: `next` shows what the webhook and the sweeper would find.
    private static readonly string Days = $"{PolicyResolver.Horizon.Days.ToString(CultureInfo.InvariantCulture)} days";

    public static Command Create(TextWriter stdout, TextWriter stderr, IClock clock)
    {
        var input = new ScheduleInput();
        var from = new Option<string?>("--from")
        {
            Description = "Where to start looking, RFC 3339; now when absent. A transition exactly at it is not listed.",
            HelpName = "RFC3339",
        };
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many transitions to list.",
            DefaultValueFactory = _ => 5,
        };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"--count must be at least 1, got {result.GetValueOrDefault<int>().ToString(CultureInfo.InvariantCulture)}");
            }
        });
        var output = new Option<string>("--output", "-o")
        {
            Description = "text: one \"<instant>  starts|stops matching\" line each; json: an object for scripts.",
            DefaultValueFactory = _ => "text",
        };
        output.AcceptOnlyFromAmong("text", "json");

        var next = new Command("next", $"List the next instants where the spec starts or stops matching, within {Days}, in the spec's own time zone.");
        input.AddTo(next);
        next.Add(from);
        next.Add(count);
        next.Add(output);
        next.SetAction(parseResult =>
        {
            var parsed = input.Parse(parseResult, stderr);
            var start = ScheduleInput.InstantOf(parseResult, from, clock, stderr);
            if (parsed is not { } value || start is null)
            {
                return CliApp.ExitUsage;
            }

            var spec = value.Spec;
            // One zone in the spec: show its local time, as the user wrote it; several or none: the default zone.
            var zone = spec.Zones.Count == 1 ? spec.Zones[0] : value.Defaults.TimeZone ?? DateTimeZone.Utc;
            var transitions = spec.TransitionsAfter(start.Value, PolicyResolver.Horizon).Take(parseResult.GetValue(count)).ToList();
            if (parseResult.GetValue(output) == "json")
            {
                stdout.WriteLine(Json(spec, start.Value, zone, transitions));
                return CliApp.ExitOk;
            }

            foreach (var transition in transitions)
            {
                stdout.WriteLine($"{Rfc3339.Format(transition.At, zone)}  {(transition.Matching ? "starts" : "stops")} matching");
            }

            if (transitions.Count < parseResult.GetValue(count))
            {
                // Said on stderr so that stdout stays one transition per line for scripts.
                var further = transitions.Count == 0 ? string.Empty : "further ";
                var last = transitions.Count == 0 ? spec.Matches(start.Value) : transitions[^1].Matching;
                stderr.WriteLine($"no {further}transition within {Days}; the spec keeps {(last ? "matching" : "not matching")}");
            }

            return CliApp.ExitOk;
        });
        return next;
    }

    // Relaxed escaping keeps "+01:00" readable; the output goes to a terminal or a JSON parser, never into HTML.
    private static string Json(ScheduleSpec spec, Instant start, DateTimeZone zone, List<ScheduleTransition> transitions)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("spec", spec.Text);
            json.WriteString("timeZone", zone.Id);
            json.WriteString("from", Rfc3339.Format(start, zone));
            json.WriteBoolean("matchingAtFrom", spec.Matches(start));
            json.WriteStartArray("transitions");
            foreach (var transition in transitions)
            {
                json.WriteStartObject();
                json.WriteString("at", Rfc3339.Format(transition.At, zone));
                json.WriteBoolean("matching", transition.Matching);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
