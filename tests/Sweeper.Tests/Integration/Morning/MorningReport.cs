namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>The failure message of a run: how to replay it, the failed cases' seeds, then the first cases in detail.</summary>
public static class MorningReport
{
    private const int Detailed = 12;
    private const int SeedsListed = 40;

    public static string Describe(string run, int cases, IReadOnlyList<CaseOutcome> failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var lines = new List<string>
        {
            $"{failed.Count} of {cases} cases failed; {run}; one case replays with TARNFUI_MORNING_CASES=<seed>.",
            $"  seeds {string.Join(", ", failed.Select(o => o.Case.Seed).Take(SeedsListed))}{(failed.Count > SeedsListed ? ", …" : "")}",
        };
        foreach (var outcome in failed.Take(Detailed))
        {
            lines.Add("");
            lines.Add(outcome.Describe());
        }

        if (failed.Count > Detailed)
        {
            lines.Add("");
            lines.Add($"{failed.Count - Detailed} more failed cases not detailed; replay their seeds to see them.");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
