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
        foreach (var size in phases.Select(p => p.Deployments).Distinct())
        {
            var stop = Phase(phases, size, "tarnfui", "first stop sweep");
            var naiveStop = Phase(phases, size, "naive", "first stop sweep");
            var ratio = naiveStop.Bytes / (double)Math.Max(1, stop.Bytes);
            checks.Add(new TargetCheck($"{size:N0}: first stop sweep moves ≥ 20× fewer bytes than the naive one",
                string.Create(CultureInfo.InvariantCulture, $"{ByteSize.Format(stop.Bytes)} vs {ByteSize.Format(naiveStop.Bytes)}: {ratio:N1}×"), ratio >= 20));

            var pages = stop.ByKind.GetValueOrDefault("list pods");
            var ceiling = pages + (2 * stop.Actions);
            checks.Add(new TargetCheck($"{size:N0}: first stop sweep ≤ pod-list pages + 2 per stopped workload",
                string.Create(CultureInfo.InvariantCulture, $"{stop.Requests:N0} requests for {stop.Actions:N0} stops and {pages} pages (ceiling {ceiling:N0}, floor {pages + stop.Actions:N0})"),
                stop.Requests <= ceiling));

            var tarnfui = nights.Single(n => n.Deployments == size && n.Sweeper == "tarnfui");
            var naive = nights.Single(n => n.Deployments == size && n.Sweeper == "naive");
            checks.Add(new TargetCheck($"{size:N0}: a night sweep costs ≤ 5 requests and < 64 KB",
                string.Create(CultureInfo.InvariantCulture, $"dearest of {tarnfui.MeasuredTicks:N0} night sweeps: {tarnfui.MaxTickRequests} requests, {ByteSize.Format(tarnfui.MaxTickBytes)}"),
                tarnfui.MaxTickRequests <= 5 && tarnfui.MaxTickBytes < 64 * 1024));
            var nightRatio = naive.Bytes / (double)Math.Max(1, tarnfui.Bytes);
            checks.Add(new TargetCheck($"{size:N0}: a whole night moves ≥ 1,000× fewer bytes than the naive sweeper",
                string.Create(CultureInfo.InvariantCulture, $"{ByteSize.Format(tarnfui.Bytes)} vs {ByteSize.Format(naive.Bytes)}: {nightRatio:N0}×"), nightRatio >= 1000));
        }

        return checks;
    }

    /// <summary>The section; <paramref name="cronJobs"/> is the CronJob night's part (<see cref="CronJobNight"/>), placed before the targets.</summary>
    public static string Markdown(ScenarioSettings settings, MachineFacts machine, IReadOnlyList<PhaseCost> phases, IReadOnlyList<NightCost> nights, IReadOnlyList<TargetCheck> targets, string cronJobs)
    {
        var text = MarkdownSections.Begin(Heading, settings, machine);
        text.AppendLine("Clusters: Deployments spread over `max(10, n/200)` namespaces, 99 % at zero, the running ones with 2 pods each, plus");
        text.AppendLine("kube-system (2 coredns pods), one DaemonSet on 3 nodes and 20 finished Job pods. Tarnfui's sweeper is the real one, hosted");
        text.AppendLine("in the benchmark process on the sandbox's simulated clock, started ten minutes before the evening and kept running all");
        text.AppendLine("night, as in a cluster (its first sweep lists its views of namespaces and stopped workloads, then watches them, and reads");
        text.AppendLine("each running ReplicaSet's metadata once; the table shows that cold first sweep and the last daytime one); the naive sweeper (`src/Sandbox/Naive/NaiveSweeper.cs`: lists every");
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

        text.Append(cronJobs);
        text.AppendLine().AppendLine("Targets (issues 9 and 16):").AppendLine();
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
