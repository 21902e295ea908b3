using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Threading.Channels;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// One target's queue and the background loop that empties it, one message at a time, in order. The sweep only
/// ever calls <see cref="TryEnqueue"/>, which never waits: a full queue drops the message (counted, logged). Each
/// attempt has its own timeout; retries wait on the <see cref="TimeProvider"/> (jittered, capped, Retry-After
/// honoured). The certificate of an https receiver is verified as for any client; there is no switch to skip it.
/// </summary>
internal sealed class TargetSender : IAsyncDisposable
{
    private readonly NotificationTarget _target;
    private readonly NotificationOptions _options;
    private readonly Uri _url;
    private readonly string _shownUrl;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Metrics _metrics;
    private readonly ILogger _logger;
    private readonly Channel<OutgoingMessage> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public TargetSender(NotificationTarget target, NotificationOptions options, HttpMessageHandler handler, TimeProvider time, Metrics metrics, ILogger logger)
    {
        _target = target;
        _options = options;
        _url = TargetUrl.Resolve(target);
        _shownUrl = TargetUrl.Redacted(_url);
        _http = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _queue = Channel.CreateBounded<OutgoingMessage>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true });
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Queues <paramref name="message"/>, or counts and logs it as dropped when the queue is full.</summary>
    public bool TryEnqueue(OutgoingMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        Count(DeliveryResult.Dropped);
        Log.NotificationDropped(_logger, _target.Name, _options.QueueCapacity, message.Description);
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
        _http.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_stopping.Token))
            {
                await DeliverAsync(message, _stopping.Token);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutting down: what is still queued is lost with the process, as documented.
        }
    }

    private async Task DeliverAsync(OutgoingMessage message, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (final, reason, retryAfter) = await AttemptAsync(message, stopping);
            if (final is DeliveryResult.Delivered)
            {
                Count(final);
                Log.NotificationDelivered(_logger, _target.Name, _shownUrl, attempt, message.Description);
                return;
            }

            if (final is DeliveryResult.Rejected)
            {
                Count(final);
                Log.NotificationRejected(_logger, _target.Name, _shownUrl, reason, message.Description);
                return;
            }

            if (attempt >= _options.MaxAttempts)
            {
                Count(DeliveryResult.Exhausted);
                Log.NotificationExhausted(_logger, _target.Name, _shownUrl, attempt, reason, message.Description);
                return;
            }

            var delay = DeliveryBackoff.Delay(attempt, _options.RetryBackoff, _options.MaxRetryDelay, retryAfter, Random.Shared.NextDouble());
            Log.NotificationRetrying(_logger, _target.Name, _shownUrl, attempt, reason, delay);
            await Task.Delay(delay, _time, stopping);
        }
    }

    /// <summary>One attempt: the final result when there is one (null: retry), why, and the receiver's Retry-After.</summary>
    private async Task<(string? Final, string Reason, TimeSpan? RetryAfter)> AttemptAsync(OutgoingMessage message, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ReadOnlyMemoryContent(message.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(message.ContentType);
        try
        {
            foreach (var (name, value) in TargetHeaders.Read(_target.HeadersFile))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = $"HTTP {(int)response.StatusCode}";
            if (response.IsSuccessStatusCode)
            {
                return (DeliveryResult.Delivered, status, null);
            }

            return DeliveryBackoff.IsRetryable(response.StatusCode)
                ? (null, status, DeliveryBackoff.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow()))
                : (DeliveryResult.Rejected, status, null);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            return (DeliveryResult.Rejected, "TLS: the receiver's certificate is not trusted", null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.HttpRequestError.ToString(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The mounted Secret is being swapped by the kubelet, or was unmounted: worth another attempt, never the loop.
            return (null, $"headers unreadable ({e.GetType().Name})", null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            return (null, "timed out", null);
        }
    }

    private void Count(string result) => _metrics.Notifications.WithLabels(_target.Name, result).Inc();
}
