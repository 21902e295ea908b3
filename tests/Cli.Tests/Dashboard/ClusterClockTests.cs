using System.Net;
using k8s;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Cli.Dashboard.Model;

namespace Tarnfui.Cli.Tests.Dashboard;

/// <summary>
/// The dashboard's clock between two reads of the server's <c>Date</c>: it moves at the rate the server's time was
/// last seen to move over the local monotonic time, so a frozen simulated clock stands still, a fast one runs fast,
/// and one set back gives no rate to go on. The server is an answer with a chosen <c>Date</c>; local time is a fake.
/// </summary>
public class ClusterClockTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 4, 18, 59, 0);

    [Theory]
    // The server's seconds between the two reads, the local seconds between them, the local seconds after the second
    // read, and how far past the second read the clock should then be.
    [InlineData(2, 2, 1.5, 1.5)] // a real cluster: one server second per local second
    [InlineData(0, 10, 30, 0)] // a frozen emulator clock (speed 0) stands still
    [InlineData(120, 2, 0.5, 30)] // an emulator at 60× runs 60× between reads
    [InlineData(-100, 2, 5, 0)] // a clock set back gives no rate: it holds at the new read
    public async Task Between_reads_the_clock_moves_at_the_rate_last_seen(int serverSeconds, double localSeconds, double after, double expectedAdvance)
    {
        var (clock, server, local) = Create();
        await clock.ReadAsync(CancellationToken.None);

        server.Date = Start + Duration.FromSeconds(serverSeconds);
        local.Advance(TimeSpan.FromSeconds(localSeconds));
        await clock.ReadAsync(CancellationToken.None);
        local.Advance(TimeSpan.FromSeconds(after));

        (clock.Now - server.Date).TotalSeconds.ShouldBe(expectedAdvance, tolerance: 1e-6);
    }

    [Fact]
    public async Task After_the_first_read_it_shows_the_server_time_and_does_not_move_until_a_second_read_gives_a_rate()
    {
        var (clock, _, local) = Create();
        await clock.ReadAsync(CancellationToken.None);

        local.Advance(TimeSpan.FromMinutes(5));

        clock.Now.ShouldBe(Start);
    }

    [Fact]
    public async Task Two_reads_at_the_same_local_instant_keep_the_rate_they_had()
    {
        var (clock, server, local) = Create();
        await clock.ReadAsync(CancellationToken.None);
        server.Date = Start + Duration.FromSeconds(60);
        local.Advance(TimeSpan.FromSeconds(1));
        await clock.ReadAsync(CancellationToken.None); // 60 server seconds per local second

        server.Date = Start + Duration.FromSeconds(61);
        await clock.ReadAsync(CancellationToken.None); // no local time passed: no new rate
        local.Advance(TimeSpan.FromSeconds(1));

        clock.Now.ShouldBe(Start + Duration.FromSeconds(121));
    }

    [Fact]
    public async Task A_fixed_now_wins_and_never_moves()
    {
        var now = Instant.FromUtc(2026, 12, 7, 6, 0);
        var server = new DatedAnswer { Date = Start };
        var local = new ManualTimeProvider();
        using var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, server);
        var clock = new ClusterClock(client, new FakeClock(Start), now, local);

        await clock.ReadAsync(CancellationToken.None);
        local.Advance(TimeSpan.FromHours(1));

        (clock.Fixed, clock.Now, server.Requests).ShouldBe((true, now, 0));
    }

    private static (ClusterClock Clock, DatedAnswer Server, ManualTimeProvider Local) Create()
    {
        var server = new DatedAnswer { Date = Start };
        var local = new ManualTimeProvider();
        // Nothing listens at the address: every request is answered by the handler.
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = "http://127.0.0.1:1" }, server);
        return (new ClusterClock(client, new FakeClock(Instant.FromUtc(2000, 1, 1, 0, 0)), null, local), server, local);
    }

    /// <summary>An API server that answers every request with <c>200 {}</c> dated <see cref="Date"/>.</summary>
    private sealed class DatedAnswer : DelegatingHandler
    {
        public Instant Date { get; set; }

        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}"), RequestMessage = request };
            response.Headers.Date = Date.ToDateTimeOffset();
            return Task.FromResult(response);
        }
    }

    /// <summary>A monotonic clock that moves only when told to.</summary>
    private sealed class ManualTimeProvider : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
