using System.Net;
using System.Net.Http.Headers;
using CsCheck;
using Tarnfui.Sweeper.Notifications;

namespace Tarnfui.Sweeper.Tests.Notifications;

public class DeliveryBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(408, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    public void Server_errors_and_throttling_are_retried_client_errors_are_final(int status, bool retried) =>
        DeliveryBackoff.IsRetryable((HttpStatusCode)status).ShouldBe(retried);

    [Theory]
    [InlineData(1, 0.0, 0.5)]
    [InlineData(1, 0.999, 0.9995)]
    [InlineData(2, 0.0, 1)]
    [InlineData(3, 0.0, 2)]
    [InlineData(7, 0.0, 30)]
    [InlineData(40, 0.0, 30)]
    public void The_wait_doubles_per_attempt_with_half_of_it_random_and_stops_at_the_cap(int attempt, double jitter, double seconds) =>
        DeliveryBackoff.Delay(attempt, First, Cap, retryAfter: null, jitter).TotalSeconds.ShouldBe(seconds, 0.001);

    [Theory]
    [InlineData(5, 5)]
    [InlineData(600, 60)]
    [InlineData(-3, 0)]
    public void Retry_after_is_honoured_up_to_the_cap(int askedSeconds, int waitedSeconds) =>
        DeliveryBackoff.Delay(1, First, Cap, TimeSpan.FromSeconds(askedSeconds), 0.5).ShouldBe(TimeSpan.FromSeconds(waitedSeconds));

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
        DeliveryBackoff.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now).ShouldBe(TimeSpan.FromSeconds(7));
        DeliveryBackoff.RetryAfter(new RetryConditionHeaderValue(now.AddSeconds(30)), now).ShouldBe(TimeSpan.FromSeconds(30));
        DeliveryBackoff.RetryAfter(null, now).ShouldBeNull();
    }

    [Fact]
    public void Every_wait_is_at_least_half_the_backoff_and_never_past_the_cap() =>
        Gen.Select(Gen.Int[1, 100], Gen.Double[0, 0.999999], Gen.Int[1, 5000], Gen.Int[1, 120_000]).Sample((attempt, jitter, firstMs, capMs) =>
        {
            var first = TimeSpan.FromMilliseconds(firstMs);
            var cap = TimeSpan.FromMilliseconds(capMs);
            var wait = DeliveryBackoff.Delay(attempt, first, cap, null, jitter);
            var full = TimeSpan.FromTicks((long)Math.Min(first.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30)), cap.Ticks));
            return wait <= cap && wait >= full / 2 && wait <= full;
        });
}
