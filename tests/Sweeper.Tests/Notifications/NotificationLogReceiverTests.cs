using Tarnfui.Sandbox.Serve;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Tests.Integration;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>
/// <c>sandbox serve --notify-to-log</c>: the sweeper delivers to the sandbox's receiver through its real sender, and the
/// receiver writes each body as one line, the evening's stop and the morning's restore.
/// </summary>
[Collection("Sandbox")]
public class NotificationLogReceiverTests(SweeperSandbox sandbox)
{
    [Theory]
    [InlineData(NotificationFormats.CloudEvents, "\"type\":\"io.tarnfui.stopped\"", "\"type\":\"io.tarnfui.restored\"")]
    [InlineData(NotificationFormats.Slack, "stopped 1 workload in 1 namespace", "restored 1 workload in 1 namespace")]
    public async Task The_night_is_printed_as_it_is_delivered(string format, string evening, string morning)
    {
        var ns = await sandbox.NamespaceAsync("notify-log");
        await sandbox.DeploymentAsync(ns, "api", 1);
        await sandbox.SettledAsync();
        var output = new StringWriter();
        var printed = TextWriter.Synchronized(output);
        await using var receiver = await NotificationLogReceiver.StartAsync(printed, CancellationToken.None);
        string[] settings = [.. receiver.SweeperSettings(format).Select(s => $"--{s.Key}={s.Value}"), $"--Notifications:Targets:0:Namespaces:0={ns}"];
        await using var sweeper = TestSweeper.Create(sandbox.Server, "log-sweeper", null, settings);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        await sweeper.SweepAsync();
        await Eventually.UntilAsync(() => sweeper.Metrics.Notifications.WithLabels(NotificationLogReceiver.TargetName, DeliveryResult.Delivered).Value == 2, "both are delivered");

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        lines.ShouldAllBe(l => l.StartsWith("tarnfui notification (", StringComparison.Ordinal));
        lines[0].ShouldContain(evening);
        lines[0].ShouldContain($"{ns}");
        lines[1].ShouldContain(morning);
    }
}
