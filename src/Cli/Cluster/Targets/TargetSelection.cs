using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>Which workloads a wake, sleep or restore acts on: named ones, those matching <c>-l</c>, or <c>--all</c>.</summary>
internal sealed record TargetSelection(IReadOnlyList<WorkloadTarget> Names, string? LabelSelector, bool All)
{
    /// <summary>The KEDA ScaledObjects named (<c>scaledobject/NAME</c>); never with workloads in the same command.</summary>
    public IReadOnlyList<string> ScaledObjects { get; init; } = [];

    public static ParseResult<TargetSelection> Parse(IReadOnlyList<string>? names, string? labelSelector, bool all, bool allNamespaces)
    {
        names ??= [];
        var ways = (names.Count > 0 ? 1 : 0) + (string.IsNullOrWhiteSpace(labelSelector) ? 0 : 1) + (all ? 1 : 0);
        if (ways == 0)
        {
            return ParseResult<TargetSelection>.Fail("name at least one workload (e.g. deploy/api), or select them with -l SELECTOR or --all");
        }

        if (ways > 1)
        {
            return ParseResult<TargetSelection>.Fail("select workloads in one way: by name (deploy/api), with -l SELECTOR, or with --all");
        }

        if (names.Count > 0 && allNamespaces)
        {
            // kubectl's rule: a name only means something inside one namespace.
            return ParseResult<TargetSelection>.Fail("a workload cannot be named across all namespaces: drop -A, or pass -n NAMESPACE");
        }

        var targets = new List<WorkloadTarget>(names.Count);
        var scaledObjects = new List<string>();
        foreach (var name in names)
        {
            if (ScaledObjectTarget.NameIn(name) is { } scaledObject)
            {
                scaledObjects.Add(scaledObject);
                continue;
            }

            var target = WorkloadTarget.Parse(name);
            if (!target.IsValid)
            {
                return ParseResult<TargetSelection>.Fail(target.Error);
            }

            targets.Add(target.Value);
        }

        if (scaledObjects.Count > 0 && targets.Count > 0)
        {
            // Their outcomes are reported apart: one command, one kind of report.
            return ParseResult<TargetSelection>.Fail("name ScaledObjects (scaledobject/NAME) in a command of their own, not with workloads");
        }

        return ParseResult<TargetSelection>.Ok(new TargetSelection(targets, string.IsNullOrWhiteSpace(labelSelector) ? null : labelSelector.Trim(), all) { ScaledObjects = scaledObjects });
    }
}
