namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// What one case came to: the property's failures (the morning's state, the webhook's answers, <c>kube-system</c>),
/// and notes on where the night first went another way than the model (what a failure is read with). A failure is
/// explained when the same night under today's restore rules (<see cref="RestoreRules.Today"/>) ends as observed.
/// </summary>
public sealed class CaseOutcome(CaseModel model, CaseModel today)
{
    public const string TodaysRules = "today's restore rules";

    private readonly HashSet<ModelWorkload> _diverged = [];

    public CaseModel Model { get; } = model;

    /// <summary>The same case under today's restore rules.</summary>
    public CaseModel Today { get; } = today;

    public NightCase Case => Model.Case;

    /// <summary>By workload (null: the case as a whole).</summary>
    public List<(ModelWorkload? Workload, string Failure, bool Explained)> Failures { get; } = [];

    /// <summary>Where a workload first differed from the model during the night.</summary>
    public List<(ModelWorkload Workload, string Note)> Notes { get; } = [];

    public bool Failed => Failures.Count > 0;

    /// <summary>The known defects that explain every failure, or empty when one failure is not explained (or there is none).</summary>
    public IReadOnlyList<string> ExplainedBy =>
        Failed && Failures.All(f => f.Explained)
            ? Failures.SelectMany(f => f.Workload!.Defects.DefaultIfEmpty(TodaysRules)).Distinct().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The workload of <see cref="Today"/> that is <paramref name="workload"/> of <see cref="Model"/>.</summary>
    public ModelWorkload TodayOf(ModelWorkload workload) => Today.All.ElementAt(Model.All.ToList().IndexOf(workload));

    public void Fail(ModelWorkload? workload, string failure, bool explained) => Failures.Add((workload, failure, explained));

    /// <summary>Notes the first time <paramref name="workload"/> is found other than the model says, after <paramref name="when"/>.</summary>
    public void Diverged(ModelWorkload workload, string when, string mismatch)
    {
        if (_diverged.Add(workload))
        {
            Notes.Add((workload, $"{workload.Ref} first differs {when}: {mismatch}"));
        }
    }

    public string Describe()
    {
        var lines = new List<string> { $"case {Case}" };
        lines.AddRange(Failures.Select(f => $"  FAIL{(f.Explained ? " (as today's restore rules say)" : "")} {(f.Workload is { } w ? $"{w.Ref}: " : "")}{f.Failure}"
            + (f.Workload is { } t ? Trace(t) : "")));
        var failing = Failures.Select(f => f.Workload).ToHashSet();
        lines.AddRange(Notes.Select(n => "  note " + n.Note + (failing.Contains(n.Workload) ? "" : Trace(n.Workload))));
        return string.Join(Environment.NewLine, lines);
    }

    private static string Trace(ModelWorkload w) =>
        $"{Environment.NewLine}    model: {string.Join(" | ", w.Trace)}"
        + (w.Defects.Count > 0 ? $"{Environment.NewLine}    runs into {string.Join(", ", w.Defects)}" : "");
}
