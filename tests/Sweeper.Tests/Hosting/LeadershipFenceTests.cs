using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Hosting;

namespace Tarnfui.Sweeper.Tests.Hosting;

public class LeadershipFenceTests
{
    // Renew deadline 10s; null: never renewed.
    public static TheoryData<string, bool, bool, double?, bool> Cases => new()
    {
        { "renewed just now", true, false, 0, true },
        { "renewed within the renew deadline", true, false, 9.9, true },
        { "renewed exactly one renew deadline ago", true, false, 10, false },
        { "renewed longer ago than the renew deadline", true, false, 11, false },
        { "never renewed", true, false, null, false },
        { "leader election off, never renewed", false, false, null, true },
        { "leader election off, renewed long ago", false, false, 60, true },
        { "--once elects no leader", true, true, null, true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void The_fence_is_open_while_the_last_renewal_is_younger_than_the_renew_deadline(string because, bool leaderElection, bool once, double? renewedSecondsAgo, bool open)
    {
        var (fence, time, _, _) = Fence(leaderElection, once);
        if (renewedSecondsAgo is { } ago)
        {
            fence.Renewed(time.GetTimestamp());
            time.Advance(TimeSpan.FromSeconds(ago));
        }

        fence.IsOpen.ShouldBe(open, because);
    }

    [Fact]
    public void A_held_back_write_is_thrown_counted_and_logged_once_until_the_next_renewal()
    {
        var (fence, time, metrics, log) = Fence();
        fence.Renewed(time.GetTimestamp());
        fence.ThrowIfClosed(LeadershipFence.Patch);
        time.Advance(TimeSpan.FromSeconds(11));

        Should.Throw<LeadershipLostException>(() => fence.ThrowIfClosed(LeadershipFence.Patch));
        Should.Throw<LeadershipLostException>(() => fence.ThrowIfClosed(LeadershipFence.Event));
        metrics.FencedWrites.WithLabels(LeadershipFence.Patch).Value.ShouldBe(1);
        metrics.FencedWrites.WithLabels(LeadershipFence.Event).Value.ShouldBe(1);
        log.Fenced.ShouldBe(1, "one line per closed spell, not one per write");

        fence.Renewed(time.GetTimestamp());
        fence.ThrowIfClosed(LeadershipFence.Patch);
        time.Advance(TimeSpan.FromSeconds(11));
        Should.Throw<LeadershipLostException>(() => fence.ThrowIfClosed(LeadershipFence.Patch));
        log.Fenced.ShouldBe(2, "a new spell is logged again");
    }

    [Fact]
    public void Stopping_leading_closes_the_fence_and_a_renewal_sent_before_it_does_not_reopen_it()
    {
        var (fence, time, _, _) = Fence();
        fence.Renewed(time.GetTimestamp());
        var sentBeforeTheLoss = time.GetTimestamp();
        time.Advance(TimeSpan.FromSeconds(1));

        fence.Lost();
        fence.Renewed(sentBeforeTheLoss);

        fence.IsOpen.ShouldBeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        fence.Renewed(time.GetTimestamp());
        fence.IsOpen.ShouldBeTrue("the next acquisition opens it");
    }

    internal static (LeadershipFence Fence, SteppedTimestamps Time, Metrics Metrics, RecordingLogger Log) Fence(bool leaderElection = true, bool once = false)
    {
        var time = new SteppedTimestamps();
        var metrics = new Metrics();
        var log = new RecordingLogger();
        var options = Options.Create(new SweeperOptions { LeaderElection = leaderElection, Once = once, LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10) });
        return (new LeadershipFence(options, time, metrics, log), time, metrics, log);
    }

    internal sealed class RecordingLogger : ILogger<LeadershipFence>
    {
        private int _fenced;

        /// <summary>Lines with the fence's event id (26, WriteFenced).</summary>
        public int Fenced => Volatile.Read(ref _fenced);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 26)
            {
                Interlocked.Increment(ref _fenced);
            }
        }
    }
}
