using System.Globalization;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>The sweep-cost section: tables side by side, whole-night totals and the targets, from the measured phases.</summary>
internal static class SweepCostReport
{
    public const string Heading = "## Sweep cost";

    /// <summary>Totals of a night: stop sweep + night sweeps (extrapolated from the measured ones if not all ran) + restore + watch bytes.</summary>
    public static NightCost Night(int size, string sweeper, int nightTicks, IReadOnlyList<PhaseCost> phases,
        (long Requests, long Bytes, long MaxRequests, long MaxBytes, double Wall, int Measured) night, long watchBytes)
    {
        var stop = Phase(phases, size, sweeper, "first stop sweep");
        var restore = Phase(phases, size, sweeper, "restore sweep");
        var factor = (nightTicks - 1) / (double)Math.Max(1, night.Measured);
        return new NightCost(size, sweeper, nightTicks, night.Measured,
            stop.Requests + restore.Requests + (long)Math.Round(night.Requests * factor),
            stop.Bytes + restore.Bytes + (long)Math.Round(night.Bytes * factor) + watchBytes,
            night.MaxRequests, night.MaxBytes, night.Wall, watchBytes);
    }

    public static IReadOnlyList<TargetCheck> Targets(IReadOnlyList<PhaseCost> phases, IReadOnlyList<NightCost> nights)
    {
        var checks = new List<TargetCheck>();
        foreach (var size in phases.Select(p => p.Deployments).Distinct().Order())
        {
            var stop = Phase(phases, size, "tarnfui", "first stop sweep");
            var naiveStop = Phase(phases, size, "naive", "first stop sweep");
            checks.Add(TargetCheck.AtLeast($"{size:N0}: naive / Tarnfui bytes of the first stop sweep ({ByteSize.Format(naiveStop.Bytes)} / {ByteSize.Format(stop.Bytes)})",
                naiveStop.Bytes / (double)Math.Max(1, stop.Bytes), 20, TargetCheck.Times));

            // Each stopped workload costs its patch and its Event at most: pod-list pages + 2 per stop.
            var pages = stop.ByKind.GetValueOrDefault("list pods");
            checks.Add(TargetCheck.AtMost($"{size:N0}: requests of the first stop sweep ({stop.Actions:N0} stops, {pages} pod-list pages; ceiling pages + 2 per stop)",
                stop.Requests, pages + (2 * stop.Actions)));

            var tarnfui = nights.Single(n => n.Deployments == size && n.Sweeper == "tarnfui");
            var naive = nights.Single(n => n.Deployments == size && n.Sweeper == "naive");
            checks.Add(TargetCheck.AtMost($"{size:N0}: requests of the dearest of {tarnfui.MeasuredTicks:N0} night sweeps", tarnfui.MaxTickRequests, 5));
            checks.Add(TargetCheck.Below($"{size:N0}: response bytes of the dearest night sweep", tarnfui.MaxTickBytes, 64 * 1024, b => ByteSize.Format((long)b)));
            checks.Add(TargetCheck.AtLeast($"{size:N0}: naive / Tarnfui bytes of a whole night ({ByteSize.Format(naive.Bytes)} / {ByteSize.Format(tarnfui.Bytes)})",
                naive.Bytes / (double)Math.Max(1, tarnfui.Bytes), 1000, TargetCheck.Times));
        }

        return checks;
    }

    /// <summary>
    /// The largest cluster against the one before it (issue 23: 100,000 → 1,000,000): the first stop sweep's bytes per
    /// stopped workload stay what they were, and its peak memory grows with the running pods, far below the growth of
    /// what exists. Nothing when one size ran.
    /// </summary>
    public static IEnumerable<TargetCheck> ScalingTargets(IReadOnlyList<PhaseCost> phases)
    {
        var sizes = phases.Select(p => p.Deployments).Distinct().Order().ToList();
        if (sizes.Count < 2)
        {
            yield break;
        }

        var (small, large) = (sizes[^2], sizes[^1]);
        var smallStop = Phase(phases, small, "tarnfui", "first stop sweep");
        var largeStop = Phase(phases, large, "tarnfui", "first stop sweep");
        var pair = $"{small:N0} → {large:N0} ({large / (double)small:N0}× the Deployments)";
        double PerStop(PhaseCost p) => p.Bytes / (double)Math.Max(1, p.Actions);
        yield return TargetCheck.AtMost($"{pair}: growth of the first stop sweep's bytes per stopped workload ({ByteSize.Format((long)PerStop(smallStop))} → {ByteSize.Format((long)PerStop(largeStop))})",
            PerStop(largeStop) / Math.Max(1, PerStop(smallStop)), 1.25, TargetCheck.Times);
        if (smallStop.Peak is { } smallPeak && largeStop.Peak is { } largePeak)
        {
            yield return TargetCheck.AtMost($"{pair}: growth of the stop sweep's peak memory ({ByteSize.Format(smallPeak.HighWaterMark)} → {ByteSize.Format(largePeak.HighWaterMark)} VmHWM)",
                largePeak.HighWaterMark / (double)Math.Max(1, smallPeak.HighWaterMark), 2, TargetCheck.Times);
        }
    }

    /// <summary>The section; <paramref name="more"/> (the emulator's footprint, the Lease, the newer kinds' night) is placed before the targets.</summary>
    public static string Markdown(ScenarioSettings settings, MachineFacts machine, IReadOnlyList<PhaseCost> phases, IReadOnlyList<NightCost> nights, IReadOnlyList<TargetCheck> targets, string more)
    {
        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine("Clusters: Deployments spread over `max(10, n/200)` namespaces, 99 % at zero, the running ones with 2 pods each, plus");
        text.AppendLine("kube-system (2 coredns pods), one DaemonSet on 3 nodes and 20 finished Job pods. Tarnfui's sweeper is the real one, hosted");
        text.AppendLine("in the benchmark process on the sandbox's simulated clock, started ten minutes before the evening and kept running all");
        text.AppendLine("night, as in a cluster (its first sweep lists its views of namespaces, stopped workloads and running ReplicaSets, metadata");
        text.AppendLine("only, then watches them; the table shows that cold first sweep and the last daytime one); the naive sweeper (`src/Sandbox/Naive/NaiveSweeper.cs`: lists every");
        text.AppendLine("namespace, Deployment and StatefulSet in full each tick, same decisions and writes) runs each tick as a child process.");
        text.AppendLine("Requests and response bytes are the sandbox's request log for each sweeper's identity (watches counted once, over the");
        text.AppendLine(CultureInfo.InvariantCulture, $"night). Peak memory is VmHWM (and the sampled peak of RssAnon, the private part) of a process of its own: for Tarnfui the {settings.Sweeper.Name} sweeper `--once --dry-run` at the same");
        text.AppendLine("moment on the same cluster (a dry run reads and plans as the sweep does and skips only the writes), for the naive sweeper");
        text.AppendLine("the child that swept. Wall time is the sweep alone, with the sandbox on the same 2 cores.").AppendLine();
        text.AppendLine("| Deployments | Sweep | Sweeper | Requests | Response bytes | Wall | Peak memory | Stops/restores | Requests by kind |");
        text.AppendLine("|---:|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var p in phases.OrderBy(p => p.Deployments).ThenBy(p => PhaseOrder(p.Phase)).ThenByDescending(p => p.Sweeper, StringComparer.Ordinal))
        {
            var kinds = string.Join(", ", p.ByKind.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
            var peak = p.Peak is { } memory ? $"{ByteSize.Format(memory.HighWaterMark)} ({ByteSize.Format(memory.Anonymous)} anon)" : "–";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Deployments:N0} | {p.Phase} | {p.Sweeper} | {p.Requests:N0} | {ByteSize.Format(p.Bytes)} | {p.WallSeconds:0.00} s | {peak} | {p.Actions:N0} | {kinds} |");
        }

        text.AppendLine();
        foreach (var stop in phases.Where(p => p is { Sweeper: "tarnfui", Phase: "first stop sweep" }).OrderBy(p => p.Deployments))
        {
            long Of(string kind) => stop.ByKind.GetValueOrDefault(kind);
            var pages = Of("list pods");
            var views = Of("list namespaces") + Of("list deployments") + Of("list statefulsets");
            var rest = stop.Requests - pages - views;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {stop.Deployments:N0}: Tarnfui's stop sweep = {pages} pod-list pages + {views} view pages + {rest:N0} requests for {stop.Actions:N0} stopped workloads ({rest / (double)Math.Max(1, stop.Actions):0.0} per stop, owner lookups included); a sweeper started cold at the evening pays in addition the reads of its first day sweep ({Cold(phases, stop.Deployments)}).");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Whole night: 12 h at the default 30 s interval = {settings.NightTicks:N0} ticks (the stop sweep and {settings.NightTicks - 1:N0} night sweeps), then the restore sweep.");
        text.AppendLine("Tarnfui's night sweeps all ran unless the table says otherwise; the naive sweeper's are one measured tick times the count");
        text.AppendLine("(each of its ticks lists the same everything). Tarnfui's bytes include what its watches streamed all night.").AppendLine();
        text.AppendLine("| Deployments | Sweeper | Night sweeps run | Requests | Response bytes | Dearest night sweep | Naive / Tarnfui bytes |");
        text.AppendLine("|---:|---|---:|---:|---:|---|---:|");
        foreach (var n in nights.OrderBy(n => n.Deployments).ThenByDescending(n => n.Sweeper, StringComparer.Ordinal))
        {
            var naive = nights.Single(x => x.Deployments == n.Deployments && x.Sweeper == "naive");
            var ratio = n.Sweeper == "tarnfui" ? (naive.Bytes / (double)Math.Max(1, n.Bytes)).ToString("N0", CultureInfo.InvariantCulture) + "×" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {n.Deployments:N0} | {n.Sweeper} | {n.MeasuredTicks:N0} of {n.NightTicks - 1:N0} | {n.Requests:N0} | {ByteSize.Format(n.Bytes)} | {n.MaxTickRequests} requests, {ByteSize.Format(n.MaxTickBytes)} | {ratio} |");
        }

        text.Append(more);
        text.AppendLine().AppendLine("Targets (issues 9, 16 and 23):").AppendLine();
        text.Append(TargetCheck.Table(targets));
        return text.ToString();
    }

    private static string Cold(IReadOnlyList<PhaseCost> phases, int size) =>
        phases.FirstOrDefault(p => p.Deployments == size && p is { Sweeper: "tarnfui", Phase: "first day sweep (cold)" }) is { } cold
            ? string.Join(", ", cold.ByKind.Where(kv => kv.Key != "list pods").OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))
            : "not measured";

    private static PhaseCost Phase(IReadOnlyList<PhaseCost> phases, int size, string sweeper, string phase) =>
        phases.Single(p => p.Deployments == size && p.Sweeper == sweeper && p.Phase == phase);

    private static int PhaseOrder(string phase) => phase switch
    {
        "first day sweep (cold)" => 0,
        "last day sweep" => 1,
        "first stop sweep" => 2,
        "night sweep" => 3,
        _ => 4,
    };
}
