using k8s.Models;
using NodaTime;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Controllers;

// Job pods run for ten simulated minutes here, so a suspend finds them running.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class JobControllerTests : IAsyncLifetime
{
    private const string Ns = "batch";
    private ControllerHarness _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new ControllerHarness(new ControllerOptions { Nodes = ["node-a", "node-b"], JobRunTime = Duration.FromMinutes(10) }, Ns);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static V1Job Job(string name, int parallelism, int completions, bool suspend = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Ns },
        Spec = new V1JobSpec { Parallelism = parallelism, Completions = completions, Suspend = suspend, Template = ControllerHarness.Template(name) },
    };

    private List<V1Pod> Pods(string phase) => _cluster.List<V1Pod>(Ns).Where(p => p.Status.Phase == phase).ToList();

    [Fact]
    public async Task A_job_runs_parallelism_pods_at_a_time_and_completes_when_enough_succeeded()
    {
        _cluster.Create(ResourceTypes.Jobs, Job("export", parallelism: 2, completions: 3));
        await _cluster.SettledAsync();

        Pods("Running").Count.ShouldBe(2);
        var job = _cluster.Read<V1Job>(Ns, "export");
        job.Status.Active.ShouldBe(2);
        job.Status.Conditions.ShouldBeNull();

        await _cluster.AdvanceAsync(Duration.FromMinutes(10));
        (Pods("Succeeded").Count, Pods("Running").Count).ShouldBe((2, 1));

        await _cluster.AdvanceAsync(Duration.FromMinutes(10));
        job = _cluster.Read<V1Job>(Ns, "export");
        (job.Status.Succeeded, job.Status.Active).ShouldBe((3, (int?)null));
        job.Status.Conditions.ShouldHaveSingleItem().Type.ShouldBe("Complete");
        job.Status.CompletionTime.ShouldBe(new DateTime(2026, 11, 23, 9, 20, 0, DateTimeKind.Utc));
        _cluster.List<V1Pod>(Ns).ShouldAllBe(p => p.Metadata.OwnerReferences.Single().Uid == job.Metadata.Uid && p.Status.ContainerStatuses.Single().State.Terminated.ExitCode == 0);
    }

    [Fact]
    public async Task Suspending_deletes_the_running_pods_and_resuming_starts_them_again()
    {
        _cluster.Create(ResourceTypes.Jobs, Job("export", parallelism: 2, completions: 2));
        await _cluster.SettledAsync();
        Pods("Running").Count.ShouldBe(2);

        _cluster.Update<V1Job>(ResourceTypes.Jobs, Ns, "export", j => j.Spec.Suspend = true);
        await _cluster.SettledAsync();
        _cluster.List<V1Pod>(Ns).ShouldBeEmpty();
        var suspended = _cluster.Read<V1Job>(Ns, "export").Status.Conditions.ShouldHaveSingleItem();
        (suspended.Type, suspended.Status, suspended.Reason).ShouldBe(("Suspended", "True", "JobSuspended"));

        // Time passing while suspended runs nothing.
        await _cluster.AdvanceAsync(Duration.FromHours(1));
        _cluster.List<V1Pod>(Ns).ShouldBeEmpty();

        _cluster.Update<V1Job>(ResourceTypes.Jobs, Ns, "export", j => j.Spec.Suspend = false);
        await _cluster.SettledAsync();
        Pods("Running").Count.ShouldBe(2);
        var resumed = _cluster.Read<V1Job>(Ns, "export").Status;
        resumed.Conditions.ShouldHaveSingleItem().Status.ShouldBe("False");
        resumed.StartTime.ShouldBe(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc));

        await _cluster.AdvanceAsync(Duration.FromMinutes(10));
        _cluster.Read<V1Job>(Ns, "export").Status.Conditions.ShouldContain(c => c.Type == "Complete" && c.Status == "True");
    }

    [Fact]
    public async Task A_job_created_suspended_starts_no_pod()
    {
        _cluster.Create(ResourceTypes.Jobs, Job("export", parallelism: 1, completions: 1, suspend: true));
        await _cluster.SettledAsync();
        await _cluster.AdvanceAsync(Duration.FromHours(1));

        _cluster.List<V1Pod>(Ns).ShouldBeEmpty();
        _cluster.Read<V1Job>(Ns, "export").Status.Conditions.ShouldHaveSingleItem().Type.ShouldBe("Suspended");
    }

    [Fact]
    public async Task A_finished_job_is_never_changed()
    {
        _cluster.Create(ResourceTypes.Jobs, Job("export", parallelism: 1, completions: 1));
        await _cluster.SettledAsync();
        await _cluster.AdvanceAsync(Duration.FromMinutes(10));
        var finished = _cluster.Read<V1Job>(Ns, "export");
        finished.Status.Succeeded.ShouldBe(1);

        _cluster.Update<V1Job>(ResourceTypes.Jobs, Ns, "export", j => j.Spec.Suspend = true);
        await _cluster.AdvanceAsync(Duration.FromHours(1));

        var after = _cluster.Read<V1Job>(Ns, "export");
        k8s.KubernetesJson.Serialize(after.Status).ShouldBe(k8s.KubernetesJson.Serialize(finished.Status));
        Pods("Succeeded").Count.ShouldBe(1);
    }
}
