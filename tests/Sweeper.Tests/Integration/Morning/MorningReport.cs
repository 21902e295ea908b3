namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>The failure message of a run: how to replay it, the failed cases grouped by what explains them, then details.</summary>
public static class MorningReport
{
    private const int Detailed = 12;
    private const string Unexplained = "NOT explained by a known defect";

    public static string Describe(string run, int cases, IReadOnlyList<CaseOutcome> failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var lines = new List<string>
        {
            $"{failed.Count} of {cases} cases failed; {run}; one case replays with TARNFUI_MORNING_CASES=<seed>.",
        };
        var groups = failed.GroupBy(o => o.ExplainedBy.Count == 0 ? Unexplained : string.Join(" + ", o.ExplainedBy))
            .OrderBy(g => g.Key == Unexplained ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            lines.Add($"  {group.Key}: {group.Count()} cases, seeds {string.Join(", ", group.Select(o => o.Case.Seed).Take(20))}{(group.Count() > 20 ? ", …" : "")}");
        }

        // The unexplained first: they are the news.
        foreach (var outcome in failed.OrderBy(o => o.ExplainedBy.Count == 0 ? 0 : 1).Take(Detailed))
        {
            lines.Add("");
            lines.Add(outcome.Describe());
        }

        return string.Join(Environment.NewLine, lines);
    }
}
