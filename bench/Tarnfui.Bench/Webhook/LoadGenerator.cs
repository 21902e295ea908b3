using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// A bounded HTTPS load generator: HTTP/1.1 keep-alive connections to one URL, either as fast as they go
/// (closed loop: throughput) or at a fixed rate (open loop: latency measured from each request's scheduled
/// instant, so a stall counts against every request it delays — no coordinated omission).
/// </summary>
internal sealed class LoadGenerator : IDisposable
{
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

    /// <summary>Open loop at <paramref name="rate"/> requests per second; returns every latency in milliseconds.</summary>
    public async Task<double[]> LatenciesAtRateAsync(int rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var inFlight = new List<Task>(count);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - stopwatch.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                // Pacing the sender, not waiting for a result: the schedule is the point of an open loop.
                await Task.Delay(wait);
            }

            var index = i;
            inFlight.Add(Task.Run(async () =>
            {
                await SendAsync();
                latencies[index] = (stopwatch.Elapsed - due).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(inFlight);
        return latencies;
    }

    public static double Percentile(double[] values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public void Dispose() => _client.Dispose();

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
