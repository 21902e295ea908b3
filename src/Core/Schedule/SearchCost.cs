namespace Tarnfui.Core.Schedule;

/// <summary>
/// Counts the work of one transition search, so that tests can bound it without timing it: instants examined and
/// parts evaluated.
/// </summary>
internal sealed class SearchCost
{
    /// <summary>Instants at which some part may flip, each counted once per part that named it.</summary>
    public long Candidates { get; private set; }

    /// <summary>Calls of a part's <c>Matches</c>.</summary>
    public long PartEvaluations { get; private set; }

    /// <summary>Times every part was evaluated afresh: at the start, and after each stretch found constant.</summary>
    public long Restarts { get; private set; }

    public void CountCandidates(int count) => Candidates += count;

    public void CountEvaluations(int count) => PartEvaluations += count;

    public void CountRestart() => Restarts++;
}
