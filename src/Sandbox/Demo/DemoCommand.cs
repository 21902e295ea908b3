using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Durations;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// <c>sandbox demo [--namespaces N] [--deployments N] [--zero-fraction F] [--statefulsets N] [--zone Z] [--friday DATE]
/// [--tick 30m] [--pace 0ms] [--kubectl PATH] [--json FILE] [--dashboard]</c>: plays a weekend on an emulated cluster and exits 0
/// when every workload ended at its expected count, 1 when some were lost, 2 on invalid options.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var defaults = new DemoOptions();
        var namespaces = new Option<int>("--namespaces") { Description = "Workload namespaces", DefaultValueFactory = _ => defaults.Namespaces };
        var deployments = new Option<int>("--deployments") { Description = "Deployments, spread over the namespaces", DefaultValueFactory = _ => defaults.Deployments };
        var zeroFraction = new Option<double>("--zero-fraction") { Description = "Fraction of Deployments and StatefulSets already at zero", DefaultValueFactory = _ => defaults.ZeroFraction };
        var statefulSets = new Option<int>("--statefulsets") { Description = "StatefulSets", DefaultValueFactory = _ => defaults.StatefulSets };
        var replicas = new Option<int>("--replicas") { Description = "Replicas of each running workload", DefaultValueFactory = _ => defaults.RunningReplicas };
        var seed = new Option<int>("--seed") { Description = "Random seed of the shape (which workloads run)", DefaultValueFactory = _ => defaults.Seed };
        var zone = new Option<string>("--zone") { Description = "Time zone of the working hours and the timeline (tzdb id)", DefaultValueFactory = _ => defaults.TimeZone };
        var friday = new Option<string?>("--friday") { Description = "The Friday the evening starts on, e.g. 2026-11-20 (default: the last Friday before today)" };
        var tick = new Option<string>("--tick") { Description = "Simulated time between two sweeps, e.g. 30m, 1h", DefaultValueFactory = _ => GoDuration.Format(defaults.Tick) };
        var pace = new Option<string>("--pace") { Description = "Real time to pause after each step, to watch the night go by, e.g. 200ms", DefaultValueFactory = _ => "0s" };
        var kubectl = new Option<string>("--kubectl") { Description = "kubectl binary for the scripted kubectl scale ('' = send the same request with KubernetesClient)", DefaultValueFactory = _ => defaults.Kubectl ?? "" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the summary as JSON to this file" };
        var dashboard = new Option<bool>("--dashboard") { Description = "Serve the read-only kubectl tarnfui dashboard on the demo's cluster while it plays (URL on stderr); use --pace to follow the night" };
        var command = new Command("demo", "Play a weekend on an emulated cluster: Tarnfui stops idle workloads for the night and restores them exactly in the morning")
        {
            namespaces, deployments, zeroFraction, statefulSets, replicas, seed, zone, friday, tick, pace, kubectl, json, dashboard,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var tickText = result.GetValue(tick)!;
            var paceText = result.GetValue(pace)!;
            var fridayText = result.GetValue(friday);
            if (!GoDuration.Parse(tickText).TryGetValue(out var tickValue))
            {
                return await FailAsync($"--tick: {GoDuration.Parse(tickText).Error}");
            }

            if (!GoDuration.Parse(paceText).TryGetValue(out var paceValue))
            {
                return await FailAsync($"--pace: {GoDuration.Parse(paceText).Error}");
            }

            LocalDate? fridayValue = null;
            if (fridayText is not null)
            {
                var parsed = LocalDatePattern.Iso.Parse(fridayText);
                if (!parsed.Success)
                {
                    return await FailAsync($"--friday must be a date such as 2026-11-20, got \"{fridayText}\"");
                }

                fridayValue = parsed.Value;
            }

            var options = new DemoOptions
            {
                Namespaces = result.GetValue(namespaces),
                Deployments = result.GetValue(deployments),
                ZeroFraction = result.GetValue(zeroFraction),
                StatefulSets = result.GetValue(statefulSets),
                RunningReplicas = result.GetValue(replicas),
                Seed = result.GetValue(seed),
                TimeZone = result.GetValue(zone)!,
                Friday = fridayValue,
                Tick = tickValue,
                Pace = paceValue.ToTimeSpan(),
                Kubectl = result.GetValue(kubectl) is { Length: > 0 } path ? path : null,
                JsonPath = result.GetValue(json)?.FullName,
                Dashboard = result.GetValue(dashboard),
            };
            if (options.Validate() is { } error)
            {
                return await FailAsync(error);
            }

            return await RunAsync(options, DemoConsole.ForStandardOutput(), cancellationToken);
        });
        return command;
    }

    /// <summary>Plays the demo, prints the summary, writes the JSON; the exit code says whether anything was lost or a Job started off-hours.</summary>
    public static async Task<int> RunAsync(DemoOptions options, DemoConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var summary = await new DemoRunner(options, console, SystemClock.Instance).RunAsync(cancellationToken);
        console.Line();
        console.Line(SummaryTable.Render(summary));
        foreach (var lost in summary.LostWorkloads.Take(20))
        {
            console.Line($"  lost: {lost.Workload} expected {lost.Expected} replicas, has {lost.Actual}");
        }

        console.Line(string.Create(CultureInfo.InvariantCulture, $"  played {summary.Ticks} ticks in {summary.ElapsedSeconds:0.0} s of real time; kubectl scale sent with {summary.ScaleClient}"));
        if (options.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, summary.ToJson(), cancellationToken);
            console.Line($"  summary written to {path}");
        }

        return summary.Lost == 0 && summary.JobsStartedInWindow == 0 ? 0 : 1;
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
