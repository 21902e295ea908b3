using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// A bounded HTTPS load generator: HTTP/1.1 keep-alive connections to one URL, either as fast as they go
/// (closed loop: throughput) or at a fixed rate (open loop: latency measured from each request's scheduled
/// instant, so a stall counts against every request it delays — no coordinated omission).
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
    // How long before a send's instant its pacer stops sleeping and spins (SleepUntil).
    private static readonly TimeSpan SpinFor = TimeSpan.FromMicroseconds(100);

    private readonly HttpClient _client;
    private readonly Uri _url;
    private readonly byte[] _body;

    /// <param name="url">Where every request goes.</param>
    /// <param name="body">What the throughput and latency loops send.</param>
    /// <param name="connections">Keep-alive connections at most.</param>
    /// <param name="pinned">The only server certificate trusted.</param>
    /// <param name="timeout">How long one request may take before it fails (default 10 s).</param>
    public LoadGenerator(Uri url, byte[] body, int connections, X509Certificate2 pinned, TimeSpan? timeout = null)
    {
        _url = url;
        _body = body;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            // The API server pins the webhook's CA through caBundle; the bench pins its own self-signed certificate.
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) =>
                    presented is not null && presented.GetCertHashString() == pinned.GetCertHashString(),
            },
        };
        _client = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(10), DefaultRequestVersion = new Version(1, 1) };
    }

    /// <summary>Closed loop with <paramref name="concurrency"/> requests in flight for <paramref name="duration"/>: requests/s and how many completed.</summary>
    public async Task<(double PerSecond, long Completed)> ThroughputAsync(int concurrency, TimeSpan duration)
    {
        var completed = 0L;
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (stopwatch.Elapsed < duration)
            {
                await SendAsync();
                Interlocked.Increment(ref completed);
            }
        });
        await Task.WhenAll(workers);
        return (completed / stopwatch.Elapsed.TotalSeconds, completed);
    }

    /// <summary>
    /// Open loop at <paramref name="rate"/> requests per second: every latency in milliseconds, from each request's
    /// scheduled instant, and how late each was sent.
    /// </summary>
    /// <remarks>
    /// The schedule is kept by a thread of its own that sleeps to just before each instant and sends on it. Awaiting
    /// <see cref="Task.Delay(TimeSpan)"/> instead (the runtime's timer thread, then a thread-pool thread) sent the
    /// requests at 1,000/s a median 2 ms and a 99th percentile 6–7 ms late, whatever answered them: the generator's
    /// own lateness, which the open loop would count as the server's latency. A stall of this process (a GC pause)
    /// still delays the sends, and still counts.
    /// </remarks>
    public async Task<(double[] Latencies, double[] Lateness)> LatenciesAtRateAsync(int rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var lateness = new double[count];
        var inFlight = new Task[count];
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopwatch = Stopwatch.StartNew();
        var pacer = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                SleepUntil(stopwatch, due);
                lateness[i] = (stopwatch.Elapsed - due).TotalMilliseconds;
                var index = i;
                inFlight[i] = Task.Run(async () =>
                {
                    await SendAsync();
                    latencies[index] = (stopwatch.Elapsed - due).TotalMilliseconds;
                });
            }

            paced.SetResult();
        })
        { IsBackground = true, Name = "open-loop pacer" };
        pacer.Start();
        await paced.Task;
        await Task.WhenAll(inFlight);
        return (latencies, lateness);
    }

    public static double Percentile(double[] values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public void Dispose() => _client.Dispose();

    // Never early: a request sent before its instant would have its latency understated. The last stretch is spun
    // (yielding the core), as the sleep wakes up to a few tens of microseconds late.
    private static void SleepUntil(Stopwatch stopwatch, TimeSpan due)
    {
        while (due - stopwatch.Elapsed is var wait && wait > TimeSpan.Zero)
        {
            if (wait > SpinFor && OperatingSystem.IsLinux())
            {
                _ = SleepMicroseconds((uint)(wait - SpinFor).TotalMicroseconds);
            }
            else if (wait > TimeSpan.FromMilliseconds(2))
            {
                Thread.Sleep(1);
            }
            else
            {
                Thread.Yield();
            }
        }
    }

    // libc's usleep: Thread.Sleep and the runtime's timers count whole milliseconds, the interval of the schedule itself.
    [DllImport("libc", EntryPoint = "usleep")]
    private static extern int SleepMicroseconds(uint microseconds);

    /// <summary>Posts <paramref name="body"/> (rather than the generator's own) and returns the status and the answer.</summary>
    public async Task<(int Status, byte[] Answer)> PostAsync(byte[] body, CancellationToken cancellationToken = default)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync(_url, content, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private async Task SendAsync()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _client.PostAsync(_url, content);
        response.EnsureSuccessStatusCode();
        await response.Content.CopyToAsync(Stream.Null);
    }
}
