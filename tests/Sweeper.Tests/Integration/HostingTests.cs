using Microsoft.Extensions.Options;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration;

[Collection("Sandbox")]
public class HostingTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task The_hosted_sweeper_leads_serves_probes_and_metrics_and_sweeps_on_the_sandbox_clock()
    {
        var ns = await sandbox.NamespaceAsync("hosted");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        sandbox.Server.Clock.SetTo(SweeperSandbox.Noon);
        await using var hosted = await HostedSweeper.StartAsync(sandbox.Server, ["--Sweeper:Interval=100ms", "--Sweeper:LeaseDuration=3s", "--Sweeper:RenewDeadline=2s", "--Sweeper:RetryPeriod=200ms"]);
        using var http = new HttpClient { BaseAddress = hosted.ProbeUrl };

        (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode.ShouldBeTrue();
        await Eventually.UntilAsync(sandbox.Server.Store, async () => (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).IsSuccessStatusCode, "ready");
        await Eventually.UntilAsync(sandbox.Server.Store, () => hosted.Metrics.Leader.Value == 1, "leading");
        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await Eventually.UntilAsync(sandbox.Server.Store, async () => await sandbox.ReplicasAsync(ns, "api") == 0, "stopped by the interval sweeps");

        // The stop lands before the sweep that made it counts it and records its duration: wait for the metrics.
        string[] expected =
        [
            "tarnfui_sweeper_leader 1",
            "tarnfui_sweeper_stops_total{kind=\"Deployment\"}",
            "tarnfui_kube_api_requests_total{verb=\"patch\",resource=\"deployments\",code=\"200\"}",
            "tarnfui_sweep_duration_seconds_count",
        ];
        var metrics = string.Empty;
        await Eventually.UntilAsync(sandbox.Server.Store, async () => expected.All((metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Contains), "the sweep's metrics");
        foreach (var line in expected)
        {
            metrics.ShouldContain(line);
        }
    }

    [Fact]
    public async Task Invalid_configuration_fails_at_start_naming_key_and_value()
    {
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: "--Sweeper:Interval=-5s");

        var error = await Should.ThrowAsync<OptionsValidationException>(sweeper.StartAsync());

        error.Message.ShouldContain("Sweeper:Interval must be positive, got \"-5s\"");
    }

    [Fact]
    public async Task A_value_that_is_no_duration_fails_at_start_naming_key_and_value()
    {
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: "--Sweeper:Interval=30x");

        var error = await Should.ThrowAsync<OptionsValidationException>(sweeper.StartAsync());

        error.Message.ShouldContain("Sweeper:Interval: \"30x\" is not a duration: unknown unit \"x\"");
    }

    [Fact]
    public async Task Dry_run_plans_the_same_and_writes_nothing()
    {
        var ns = await sandbox.NamespaceAsync("dry");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.SettledAsync();
        await using var sweeper = TestSweeper.Create(sandbox.Server, settings: "--dry-run");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        var report = await sweeper.SweepAsync();

        report.DryRun.ShouldBeTrue();
        report.Stopped.ShouldContain(w => w.Namespace == ns && w.Name == "api");
        (await sandbox.ReplicasAsync(ns, "api")).ShouldBe(2);
        (await sandbox.EventsAsync(ns)).ShouldBeEmpty();
        sweeper.Metrics.KubeApiRequests.GetAllLabelValues().ShouldNotContain(labels => labels[0] == "patch" || labels[0] == "create");
    }
}
