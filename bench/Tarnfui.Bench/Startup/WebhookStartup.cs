using System.Diagnostics;
using System.Globalization;
using Tarnfui.Bench.Webhook;

namespace Tarnfui.Bench.Startup;

/// <summary>
/// The webhook program started <c>runs</c> times: from process start to <c>/readyz</c> 200 (TLS listening, serving
/// certificate loaded, namespace cache listed), its resident memory then, and again after <see cref="Admissions"/>
/// admissions over HTTPS and a moment of rest: the memory it idles at once it has served.
/// </summary>
public static class WebhookStartup
{
    /// <summary>Admissions sent after readiness: enough to load and warm every part of the admission path.</summary>
    public const int Admissions = 300;

    private const int Connections = 4;

    /// <summary>One start: until ready, the memory at readiness, and the memory after the admissions.</summary>
    public sealed record Run(ProcessStartup.Measurement Ready, ResidentSet AtReady, ResidentSet AfterAdmissions);

    /// <param name="program">The webhook executable: the native one scripts/publish.sh writes, or the JIT build's apphost.</param>
    /// <param name="kubeconfig">The emulated API server's kubeconfig for the webhook's user.</param>
    /// <param name="runs">Starts.</param>
    /// <param name="environment">Extra environment (runtime knobs), or null.</param>
    /// <param name="bound">How long one start, its admissions included, may take.</param>
    public static async Task<IReadOnlyList<Run>> MeasureAsync(string program, string kubeconfig, int runs, IReadOnlyDictionary<string, string>? environment, TimeSpan bound)
    {
        var (certificatePath, keyPath, certificate) = BenchInputs.WriteCertificate();
        using (certificate)
        {
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var review = BenchInputs.ScaleUpReview();
            var measured = new List<Run>(runs);
            for (var run = 0; run < runs; run++)
            {
                var (httpsPort, httpPort) = (StartupScenario.FreePort(), StartupScenario.FreePort());
                var start = StartupScenario.Program([program], kubeconfig, environment,
                    "--Webhook:ListenAddress=127.0.0.1", $"--Webhook:HttpsPort={httpsPort}", $"--Webhook:HttpPort={httpPort}",
                    $"--Webhook:CertificatePath={certificatePath}", $"--Webhook:KeyPath={keyPath}",
                    // Off-hours whatever the time: each admission takes the costliest common path (policy, patch, warning).
                    "--Schedule:Uptime=never");
                (ResidentSet AtReady, ResidentSet AfterAdmissions) memory = default;
                var ready = await ProcessStartup.MeasureAsync(start, ProcessStartup.Returns200(probe, new Uri($"http://127.0.0.1:{httpPort}/readyz")), bound, async (processId, cancellationToken) =>
                {
                    var atReady = ResidentSet.Of(processId);
                    using var load = new LoadGenerator(new Uri($"https://127.0.0.1:{httpsPort}/mutate"), review, Connections, certificate);
                    await AdmitAsync(load, review, cancellationToken);
                    memory = (atReady, await RestedAsync(processId, cancellationToken));
                });
                measured.Add(new Run(ready, memory.AtReady, memory.AfterAdmissions));
            }

            return measured;
        }
    }

    private static async Task AdmitAsync(LoadGenerator load, byte[] review, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < Admissions)
            {
                var (status, answer) = await load.PostAsync(review, cancellationToken);
                if (status != 200)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"an admission got {status}: {System.Text.Encoding.UTF8.GetString(answer)}"));
                }
            }
        }));
    }

    // The resident set once it no longer moves: the requests' buffers returned and no collection under way. Read until
    // two readings a tick apart agree, within the bound.
    private static async Task<ResidentSet> RestedAsync(int processId, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var previous = ResidentSet.Of(processId);
        var settling = Stopwatch.StartNew();
        while (await tick.WaitForNextTickAsync(cancellationToken))
        {
            var now = ResidentSet.Of(processId);
            if (now == previous || settling.Elapsed > TimeSpan.FromSeconds(5))
            {
                return now;
            }

            previous = now;
        }

        return previous;
    }
}
