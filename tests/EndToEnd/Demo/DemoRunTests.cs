using NodaTime;
using Tarnfui.Sandbox.Demo;

namespace Tarnfui.EndToEnd.Demo;

/// <summary>
/// Runs <c>sandbox demo</c> in process on a small cluster, a whole weekend with a sweep every two simulated hours,
/// and checks the JSON summary it writes: nothing lost, the scripted refusal and zeroing counted, and Tarnfui's API
/// bill below the naive sweeper's on the same cluster at the same ticks.
/// </summary>
public sealed class DemoRunTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("tarnfui-demo-test-");

    [Fact]
    public async Task A_weekend_on_a_small_cluster_restores_every_workload_and_costs_less_than_the_naive_sweeper()
    {
        var json = Path.Combine(_temp.FullName, "summary.json");
        var options = new DemoOptions
        {
            Namespaces = 6,
            Deployments = 120,
            StatefulSets = 6,
            ZeroFraction = 0.9,
            Friday = new LocalDate(2026, 11, 20),
            Tick = Duration.FromHours(2),
            JsonPath = json,
        };
        options.Validate().ShouldBeNull();
        using var output = new StringWriter();

        var exitCode = await DemoCommand.RunAsync(options, new DemoConsole(output, interactive: false), CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(3));

        var printed = output.ToString();
        var summary = DemoSummary.FromJson(await File.ReadAllTextAsync(json)).ShouldNotBeNull();
        summary.LostWorkloads.ShouldBeEmpty(printed);
        summary.Lost.ShouldBe(0, printed);
        exitCode.ShouldBe(0, printed);

        // 12 running Deployments and 1 StatefulSet, plus the one with its own schedule; the operator-owned one and
        // the excluded namespace's are never stopped.
        summary.RunningBefore.ShouldBeGreaterThan(summary.Stopped);
        summary.Stopped.ShouldBe(14, printed);
        summary.Expected.ShouldBe(summary.Stopped);
        summary.RestoredExactly.ShouldBe(summary.Expected, printed);
        summary.ManualChangesRespected.ShouldBe(1, printed);
        summary.Restored.ShouldBe(summary.Stopped - summary.ManualChangesRespected, printed);
        summary.ScaleUpsRefused.ShouldBe(1, printed);
        summary.ScaleUpsZeroed.ShouldBe(1, printed);
        summary.ReplicasHeld.ShouldBeGreaterThan(0);

        summary.Tarnfui.Requests.ShouldBeGreaterThan(0);
        summary.Tarnfui.Requests.ShouldBeLessThan(summary.Naive.Requests, printed);
        summary.Tarnfui.Bytes.ShouldBeLessThan(summary.Naive.Bytes, printed);
        summary.NaiveCalls.Keys.ShouldBe(["get namespaces", "list deployments", "list statefulsets"], ignoreOrder: true);
        summary.TarnfuiCalls.Keys.ShouldContain("list pods");

        printed.ShouldContain("first stop sweep: stopped 13");
        printed.ShouldContain("denied the request");

        // The CronJobs: suspended in the evening, resumed Monday; the one a pipeline re-applies at night with
        // suspend: false is held suspended with its intent and runs on Monday; and no Job starts off-hours, by the
        // creationTimestamps of the Jobs in the store, while they did run in working hours on both sides.
        summary.CronJobs.ShouldBe(3, printed);
        summary.CronJobsSuspended.ShouldBe(3, printed);
        summary.CronJobsResumed.ShouldBe(3, printed);
        summary.CronJobReappliesHeld.ShouldBe(1, printed);
        summary.ReappliedCronJobRunningAtEnd.ShouldBeTrue(printed);
        summary.CronJobsRunningAtEnd.ShouldBe(3, printed);
        summary.JobWindow.ShouldBe("Fri 19:00 - Mon 07:00");
        summary.JobsStartedInWindow.ShouldBe(0, printed);
        summary.JobsStartedInWindowNames.ShouldBeEmpty();
        summary.JobsStartedOutsideWindow.ShouldBeGreaterThan(0, printed);
        printed.ShouldContain("suspended 3 CronJob(s)");
        printed.ShouldContain("with suspend: false -> stored with suspend true, tarnfui.io/original-suspend=false");
        printed.ShouldContain("No Job started between Fri 19:00 and Mon 07:00");
        // The team's channel hears of the evening and of the morning, from the sweeper's real notification sender.
        printed.ShouldMatch(@"(?m)^\s*Fri 19:00  notified \(Slack\): Tarnfui stopped 16 workloads in \d+ namespaces?, \d+ replicas");
        printed.ShouldMatch(@"(?m)^\s*Mon 07:00  notified \(Slack\): Tarnfui restored \d+ workloads");
    }

    public void Dispose() => _temp.Delete(recursive: true);
}
