using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Hosting;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// What every request to the Kubernetes API goes through: a client-side token bucket (<c>Sweeper:Qps</c>,
/// <c>Sweeper:Burst</c>), retries of 429 (honouring Retry-After), 5xx, timeouts and dropped connections with
/// exponential backoff and full jitter, bounded by <c>Sweeper:MaxAttempts</c>, and a count of every attempt in
/// <c>tarnfui_kube_api_requests_total{verb,resource,code}</c>.
/// </summary>
/// <remarks>
/// Retrying a write is safe here because every write the sweeper makes carries a precondition: a PATCH that did
/// land before the connection dropped fails its <c>test</c> on the retry, and the caller re-reads. Each attempt
/// sends a fresh copy of the request, since a message that failed mid-send cannot be sent again. A retried write is
/// sent only while the <see cref="LeadershipFence"/> is open: backoffs can outlast the Lease.
/// </remarks>
internal sealed class KubeApiHandler : DelegatingHandler
{
    private readonly Metrics _metrics;
    private readonly ILogger<KubeApiHandler> _logger;
    private readonly TokenBucketRateLimiter _limiter;
    private readonly int _maxAttempts;
    private readonly TimeSpan _backoff;
    private readonly TimeSpan _maxDelay;
    private readonly TimeSpan _timeout;
    private readonly LeadershipFence? _fence;
    private readonly WatchSignals? _watchSignals;

    public KubeApiHandler(IOptions<SweeperOptions> options, Metrics metrics, ILogger<KubeApiHandler> logger, LeadershipFence? fence = null, WatchSignals? watchSignals = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _fence = fence;
        _watchSignals = watchSignals;
        _metrics = metrics;
        _logger = logger;
        _maxAttempts = o.MaxAttempts;
        _backoff = o.RetryBackoff;
        _maxDelay = o.MaxRetryDelay;
        _timeout = o.RequestTimeout;

        // A token bucket refilled every 1/Qps s with one token, Burst deep: client-go's flowcontrol limiter.
        var period = TimeSpan.FromSeconds(1 / o.Qps);
        var perPeriod = 1;
        if (period < TimeSpan.FromMilliseconds(10))
        {
            perPeriod = (int)Math.Ceiling(o.Qps / 100);
            period = TimeSpan.FromSeconds(perPeriod / o.Qps);
        }

        _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var what = KubeRequest.Of(request.Method, request.RequestUri!);
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt passed the fence in the actor. The Lease's own writes are what keeps the fence open.
            if (attempt > 1 && _fence is not null && what.Verb is "create" or "update" or "patch" or "delete" && what.Resource != "leases")
            {
                _fence.ThrowIfClosed(LeadershipFence.Retry);
            }

            using (var lease = await _limiter.AcquireAsync(1, cancellationToken))
            {
                // The queue is unbounded, so a lease is always granted unless the limiter is disposed.
            }

            // A watch streams for minutes after its headers: no attempt timeout, and the message must outlive this
            // call (HTTP/2 ties the stream to it), so it is left to the response to release.
            var watch = what.Verb == "watch";
            var copy = Copy(request, body);
            HttpResponseMessage response;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (!watch)
            {
                timeout.CancelAfter(_timeout);
            }

            try
            {
                response = await base.SendAsync(copy, watch ? cancellationToken : timeout.Token);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && attempt < _maxAttempts && e is HttpRequestException or IOException or OperationCanceledException)
            {
                copy.Dispose();
                Count(what, "error");
                var delay = Backoff(attempt);
                Log.RetryingAfterFailure(_logger, what.Verb, what.Resource, e.GetType().Name, attempt, delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                continue;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                copy.Dispose();
                Count(what, "error");
                throw;
            }

            var code = (int)response.StatusCode;
            Count(what, code.ToString(CultureInfo.InvariantCulture));
            if (watch && response.IsSuccessStatusCode)
            {
                _watchSignals?.Connected(request);
            }

            if (attempt >= _maxAttempts || !Retryable(response.StatusCode))
            {
                return response;
            }

            var wait = response.StatusCode == HttpStatusCode.TooManyRequests ? RetryAfter(response) ?? Backoff(attempt) : Backoff(attempt);
            Log.RetryingAfterStatus(_logger, what.Verb, what.Resource, code, attempt, wait.TotalMilliseconds);
            response.Dispose();
            copy.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiter.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count(KubeRequest what, string code) => _metrics.KubeApiRequests.WithLabels(what.Verb, what.Resource, code).Inc();

    private static bool Retryable(HttpStatusCode code) =>
        code is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    // Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): a random wait in [0, base * 2^n),
    // so that sweepers retrying after the same outage do not come back in lockstep.
    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(_maxDelay.TotalMilliseconds, _backoff.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, _maxDelay.Ticks)) : null;
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers.Where(h => h.Key != WatchSignals.Header))
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            copy.Options.TryAdd(option.Key, option.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
