using System.Net;
using System.Net.Http.Headers;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// When to try a message again. Retried: 408, 429, 5xx and attempts that timed out or found no connection; any other
/// answer is final (a 4xx says the message itself is wrong, and sending it again will not change that).
/// </summary>
internal static class DeliveryBackoff
{
    public static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait before attempt <paramref name="attempt"/> + 1: the receiver's Retry-After when it gave one, else
    /// <paramref name="first"/> doubled per attempt with "equal jitter" (half fixed, half random, so that senders
    /// retrying together spread out without any of them retrying at once); never longer than <paramref name="cap"/>.
    /// <paramref name="jitter"/> is a value in [0, 1), drawn by the caller.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan cap, TimeSpan? retryAfter, double jitter)
    {
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : Min(asked, cap);
        }

        var exponent = Math.Min(attempt - 1, 30);
        var full = Min(TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, exponent), cap.Ticks)), cap);
        return full / 2 + full / 2 * jitter;
    }

    /// <summary>Retry-After as seconds or as an HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
