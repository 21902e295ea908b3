namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// What one case came to: the property's failures (the morning's state, the webhook's answers, <c>kube-system</c>),
/// and notes on where the night first went another way than the model (what a failure is read with).
/// </summary>
public sealed class CaseOutcome(CaseModel model)
{
    private readonly HashSet<ModelWorkload> _diverged = [];

    public CaseModel Model { get; } = model;

    public NightCase Case => Model.Case;

    /// <summary>By workload (null: the case as a whole).</summary>
    public List<(ModelWorkload? Workload, string Failure)> Failures { get; } = [];

    /// <summary>Where a workload first differed from the model during the night.</summary>
    public List<(ModelWorkload Workload, string When, string Mismatch)> Notes { get; } = [];

    public bool Failed => Failures.Count > 0;

    public void Fail(ModelWorkload? workload, string failure) => Failures.Add((workload, failure));

    /// <summary>Notes the first time <paramref name="workload"/> is found other than the model says, after <paramref name="when"/>.</summary>
    public void Diverged(ModelWorkload workload, string when, string mismatch)
    {
        if (_diverged.Add(workload))
        {
            Notes.Add((workload, when, mismatch));
        }
    }

    /// <summary>The case (seed, workloads, night actions), each failure with the model's trace of its workload, then the notes.</summary>
    public string Describe()
    {
        var lines = new List<string> { $"case {Case}" };
        lines.AddRange(Failures.Select(f => $"  FAIL {(f.Workload is { } w ? $"{w.Ref}: " : "")}{f.Failure}" + (f.Workload is { } t ? Trace(t) : "")));
        var failing = Failures.Select(f => f.Workload).ToHashSet();

        // A workload that first differed at the morning's check says nothing its failure has not said already.
        lines.AddRange(Notes.Where(n => !Failures.Contains((n.Workload, $"{n.When} {n.Mismatch}")))
            .Select(n => $"  note {n.Workload.Ref} first differs {n.When}: {n.Mismatch}" + (failing.Contains(n.Workload) ? "" : Trace(n.Workload))));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Trace(ModelWorkload w) => $"{Environment.NewLine}    model: {string.Join(" | ", w.Trace)}";
}
