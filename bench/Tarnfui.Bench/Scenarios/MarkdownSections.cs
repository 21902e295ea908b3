using System.Globalization;
using System.Text;

namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// <c>docs/benchmarks.md</c> is shared by several commands: each owns its <c>## Heading</c> sections and replaces
/// only those, from the heading to the next <c>## </c> heading, leaving every other section as it was.
/// </summary>
internal static class MarkdownSections
{
    /// <summary>A new section: its heading, then the command that reproduces it and the machine it ran on.</summary>
    public static StringBuilder Begin(string heading, ScenarioSettings settings, MachineFacts machine)
    {
        var text = new StringBuilder();
        text.AppendLine(heading).AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{settings.Command}`  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Describe()}.").AppendLine();
        return text;
    }

    /// <summary>The document with <paramref name="section"/> (which starts with its heading line) in place of the old one, or appended.</summary>
    public static string Replace(string document, string section)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(section);
        var heading = section[..section.IndexOf('\n', StringComparison.Ordinal)].TrimEnd();
        var body = section.TrimEnd() + "\n";
        int start;
        if (document.StartsWith(heading + "\n", StringComparison.Ordinal))
        {
            start = 0;
        }
        else if (document.IndexOf("\n" + heading + "\n", StringComparison.Ordinal) is var found and >= 0)
        {
            start = found + 1;
        }
        else
        {
            return document.TrimEnd() + "\n\n" + body;
        }

        var next = document.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return document[..start] + body + (next < 0 ? "" : "\n" + document[(next + 1)..]);
    }

    /// <summary>The repository root (where <c>Tarnfui.sln</c> is), found upwards from the build output; else the current directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tarnfui.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
