using System.Globalization;
using System.Text.Json;
using Tarnfui.Bench.Webhook;

namespace Tarnfui.Bench.Scenarios.Admissions;

/// <summary>
/// <c>webhook-measure &lt;warm-up ms&gt; &lt;measure ms&gt; &lt;rate&gt; &lt;output.json&gt;</c>: the webhook scenario's
/// measurement (<see cref="WebhookLoad.MeasureAsync"/>) in a process of its own, its figures written as JSON.
/// </summary>
/// <remarks>
/// The scenarios before the webhook's leave their process changed: a heap that held a million emulated Deployments,
/// a thread pool grown for a sweep, code tiered for other work. Both endpoints and the load generator share that process,
/// and the one that allocates and runs more code pays more for it: in <c>scenario all</c>, the webhook's throughput
/// ratio sat a few hundredths below that of a <c>webhook-load</c> run of the same build. A process started for the
/// measurement makes the scenario measure what <c>webhook-load</c> measures, whichever scenarios run before it.
/// <para>
/// The parent only waits meanwhile. Waiting as the memory scenarios do, reading the child's memory every 5 ms, raised
/// the webhook's ratio by about 0.03 (0.86–0.87 in four runs, against 0.83–0.85 waiting idle and in
/// <c>webhook-load</c> at the same hour): a process that wakes that often keeps the cores from idling, and the
/// webhook's rounds leave them idle more than the bare endpoint's.
/// </para>
/// </remarks>
internal static class WebhookMeasureCommand
{
    public const string Name = "webhook-measure";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 4
            || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var warmup)
            || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var measure)
            || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var rate))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} <warm-up ms> <measure ms> <rate per second> <output.json>");
            return 2;
        }

        var results = await WebhookLoad.MeasureAsync(TimeSpan.FromMilliseconds(warmup), TimeSpan.FromMilliseconds(measure), rate);
        await File.WriteAllBytesAsync(args[3], JsonSerializer.SerializeToUtf8Bytes(results));
        return 0;
    }

    /// <summary>Runs the measurement in a child process with the scenario's durations and rate, and reads its figures.</summary>
    public static async Task<IReadOnlyList<WebhookLoad.EndpointLoad>> MeasureInChildAsync(ScenarioSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var folder = Directory.CreateTempSubdirectory("tarnfui-webhook-measure-").FullName;
        var output = Path.Combine(folder, "figures.json");
        string[] args =
        [
            Name,
            ((long)settings.WebhookWarmup.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ((long)settings.WebhookMeasure.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            settings.WebhookRate.ToString(CultureInfo.InvariantCulture),
            output,
        ];
        try
        {
            await using var child = ChildProcess.Start("Tarnfui.Bench.dll", args);
            await child.WaitForExitUnsampledAsync(TimeSpan.FromMinutes(10), cancellationToken);
            if (child.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"the webhook measurement exited with {child.ExitCode}:\n{string.Join('\n', child.Lines.TakeLast(30))}");
            }

            return JsonSerializer.Deserialize<WebhookLoad.EndpointLoad[]>(await File.ReadAllBytesAsync(output, cancellationToken))
                ?? throw new InvalidOperationException($"the webhook measurement wrote no figures to {output}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
