using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Sweeping;
using Tarnfui.Sweeper.Tests.Integration;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>
/// Delivery against a receiver on loopback: retried after 5xx until it succeeds, never after a 4xx, never waited for by
/// a sweep, dropped and counted when the queue is full, refused when the receiver's certificate is not trusted, and
/// never writing a URL's or a header's secret into a log line.
/// </summary>
[Collection("Sandbox")]
public class NotificationDeliveryTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task A_message_answered_500_twice_is_sent_again_until_delivered()
    {
        await using var receiver = await Receiver.StartAsync(null, 500, 503, 200);
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, ["anywhere"]);

        sweeper.Notifier().Publish(Report("anywhere", 1));
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 1, "delivered on the third attempt");
        receiver.Requests.Count.ShouldBe(3);
        receiver.Requests.Select(r => r.Body).Distinct().ShouldHaveSingleItem("each attempt sends the same event, id included");
        sweeper.Count(DeliveryResult.Exhausted).ShouldBe(0);
    }

    [Fact]
    public async Task A_message_answered_429_every_time_is_given_up_after_the_attempts_and_counted()
    {
        await using var receiver = await Receiver.StartAsync(null, 429);
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, ["anywhere"], null, "--Notifications:MaxAttempts=3");

        sweeper.Notifier().Publish(Report("anywhere", 1));
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Exhausted) == 1, "given up after three attempts");
        receiver.Requests.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task A_message_answered_with_a_client_error_is_not_sent_again(int status)
    {
        await using var receiver = await Receiver.StartAsync(null, status, 200);
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, ["anywhere"]);

        sweeper.Notifier().Publish(Report("anywhere", 1));
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Rejected) == 1, "rejected");
        receiver.Requests.Count.ShouldBe(1, "the rejection is counted after the only attempt");
        sweeper.Count(DeliveryResult.Delivered).ShouldBe(0);
    }

    [Fact]
    public async Task A_receiver_that_hangs_does_not_hold_the_next_sweep()
    {
        var ns = await sandbox.NamespaceAsync("notify-hang");
        await sandbox.DeploymentAsync(ns, "api", 1);
        await sandbox.SettledAsync();
        await using var receiver = await Receiver.StartAsync(null, Receiver.Hang, 200);
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, [ns], null, "--Notifications:AttemptTimeout=1h");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        await receiver.Holding.Task.WaitAsync(Eventually.Bound);

        // While the receiver holds the first message, a whole sweep runs, stops a new workload and queues its message.
        await sandbox.DeploymentAsync(ns, "late", 1);
        await sandbox.SettledAsync();
        (await sweeper.SweepAsync()).Stopped.ShouldContain(new WorkloadRef(WorkloadKind.Deployment, ns, "late"));
        receiver.Holding.Task.IsCompleted.ShouldBeTrue();
        receiver.Requests.Count.ShouldBe(1, "the second message waits behind the held one, not the sweep");
        sweeper.Count(DeliveryResult.Delivered).ShouldBe(0);

        receiver.Release();
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 2, "both are delivered once the receiver answers");
    }

    [Fact]
    public async Task A_full_queue_drops_the_message_and_counts_it()
    {
        await using var receiver = await Receiver.StartAsync(null, Receiver.Hang, 200);
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, ["anywhere"], null, "--Notifications:QueueCapacity=1", "--Notifications:AttemptTimeout=1h");
        var notifier = sweeper.Notifier();

        notifier.Publish(Report("anywhere", 1));
        await receiver.Holding.Task.WaitAsync(Eventually.Bound);
        notifier.Publish(Report("anywhere", 2));
        notifier.Publish(Report("anywhere", 3));
        sweeper.Count(DeliveryResult.Dropped).ShouldBe(1, "the first is held, the second queued, the third finds the queue full");

        receiver.Release();
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 2, "the held and the queued one are delivered");
        receiver.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_receiver_whose_certificate_is_not_trusted_is_never_sent_the_message()
    {
        using var untrusted = new TestCertificates("not a trusted CA");
        await using var receiver = await Receiver.StartAsync(untrusted.IssueServing("127.0.0.1"));
        receiver.Url.ShouldStartWith("https://");
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, ["anywhere"]);

        sweeper.Notifier().Publish(Report("anywhere", 1));
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Rejected) == 1, "the TLS failure is counted");
        receiver.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Secrets_of_the_url_and_the_headers_reach_the_receiver_and_never_a_log_line()
    {
        await using var receiver = await Receiver.StartAsync(null, 500, 403);
        var headers = Directory.CreateTempSubdirectory("tarnfui-notify-headers-").FullName;
        await File.WriteAllTextAsync(Path.Combine(headers, "Authorization"), "Bearer header-secret-1\n");
        // What the kubelet puts beside a mounted Secret's keys: not a header.
        Directory.CreateDirectory(Path.Combine(headers, "..data"));
        var url = receiver.Url.Replace("http://", "http://user:userinfo-secret-2@", StringComparison.Ordinal) + "/services/T0/B0/path-secret-3?token=query-secret-4";
        var logs = new CapturedLogs();
        await using var sweeper = NotifyingSweeper.Create(sandbox, url, ["anywhere"], logs, $"--Notifications:Targets:0:HeadersFile={headers}");

        sweeper.Notifier().Publish(Report("anywhere", 1));
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Rejected) == 1, "retried after the 500, rejected at the 403");
        var sent = receiver.Requests.Last();
        sent.Headers["Authorization"].ShouldBe("Bearer header-secret-1");
        sent.PathAndQuery.ShouldBe("/services/T0/B0/path-secret-3?token=query-secret-4");
        var lines = logs.Lines.Where(l => l.Contains(NotifyingSweeper.Target, StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBeGreaterThanOrEqualTo(2, "the retry and the rejection are logged");
        lines.ShouldContain(l => l.Contains("HTTP 403", StringComparison.Ordinal));
        logs.Lines.ShouldAllBe(l => !l.Contains("secret", StringComparison.OrdinalIgnoreCase));
    }

    private static SweepReport Report(string ns, int workloads)
    {
        var report = new SweepReport(Guid.NewGuid().ToString("n")[..12], SweeperSandbox.Evening, dryRun: false);
        for (var i = 0; i < workloads; i++)
        {
            report.Stopped.Add(new WorkloadRef(WorkloadKind.Deployment, ns, $"w{i}"));
        }

        return report;
    }
}
