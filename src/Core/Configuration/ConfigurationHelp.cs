using System.Collections;
using System.Globalization;
using Tarnfui.Core.Durations;

namespace Tarnfui.Core.Configuration;

/// <summary>
/// <c>--help</c> for the webhook and the sweeper, which are configured by keys rather than flags: prints every key of
/// the given options classes with its environment form and default, read from the classes themselves so the help
/// cannot drift from the code.
/// </summary>
public static class ConfigurationHelp
{
    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>Whether <paramref name="args"/> asks for help.</summary>
    public static bool IsRequested(IReadOnlyList<string> args) =>
        args.Any(a => HelpFlags.Contains(a, StringComparer.OrdinalIgnoreCase));

    /// <summary>Writes the usage of <paramref name="program"/> and the keys of <paramref name="sections"/>.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="program">The program's name.</param>
    /// <param name="description">One sentence of what it does.</param>
    /// <param name="flags">Its own flags with their meaning.</param>
    /// <param name="sections">Its options classes.</param>
    public static void Write(TextWriter output, string program, string description, IReadOnlyList<(string Flag, string Meaning)> flags, params OptionsSection[] sections)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(sections);
        output.WriteLine($"{program}: {description}");
        output.WriteLine();
        output.WriteLine($"Usage: {program} [flags] [--Section:Key=value ...]");
        output.WriteLine();
        output.WriteLine("Flags:");
        foreach (var (flag, meaning) in flags.Append(("--help", "Show this help and exit")))
        {
            output.WriteLine($"  {flag,-28} {meaning}");
        }

        output.WriteLine();
        output.WriteLine("Configuration, in increasing precedence: appsettings.json, environment (TARNFUI_ prefix, __ between");
        output.WriteLine("section and key), command line (--Section:Key=value). Lists take an index: TARNFUI_Schedule__Holidays__0.");
        foreach (var options in sections)
        {
            var section = options.Name;
            output.WriteLine();
            output.WriteLine($"{section}:");
            foreach (var property in options.Properties)
            {
                var value = Format(property.GetValue(options.Defaults));
                output.WriteLine($"  {section}:{property.Name,-26} TARNFUI_{section}__{property.Name,-26} default {value}");
            }
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "(none)",
        string text => $"\"{text}\"",
        TimeSpan duration => GoDuration.Format(duration),
        IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "(none)",
    };
}
