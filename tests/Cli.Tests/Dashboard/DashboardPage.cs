using System.Text.RegularExpressions;

namespace Tarnfui.Cli.Tests.Dashboard;

/// <summary>Reads what a dashboard page shows through its <c>data-testid</c> hooks.</summary>
internal static partial class DashboardPage
{
    /// <summary>The text of the element marked <paramref name="testId"/> (the first one).</summary>
    public static string Value(string html, string testId)
    {
        var match = Marked(testId).Match(html);
        match.Success.ShouldBeTrue($"no element with data-testid=\"{testId}\" in the page");
        return match.Groups["text"].Value;
    }

    public static int Count(string html, string testId) => Regex.Count(html, $"data-testid=\"{Regex.Escape(testId)}\"");

    public static int Number(string html, string testId) => int.Parse(Value(html, testId), System.Globalization.CultureInfo.InvariantCulture);

    private static Regex Marked(string testId) =>
        new($"data-testid=\"{Regex.Escape(testId)}\"[^>]*>(?<text>[^<]*)<", RegexOptions.CultureInvariant);
}
