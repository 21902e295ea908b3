using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Tests.Hosting;

namespace Tarnfui.Sweeper.Tests.Integration;

/// <summary>
/// <see cref="ServedApis"/> against the emulator's discovery: each test installs CRDs in groups of its own, and moves
/// the sweeper's monotonic clock (<see cref="SteppedTimestamps"/>) past <c>Sweeper:DiscoveryInterval</c> itself.
/// </summary>
[Collection("Sandbox")]
public class ServedApisTests(SweeperSandbox sandbox)
{
    private const string Version = "v1alpha1";
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static int _groups;

    [Fact]
    public async Task A_crd_installed_later_is_served_once_the_interval_has_passed_and_the_questions_between_cost_no_request()
    {
        var group = NewGroup();
        var clock = new SteppedTimestamps();
        await using var sweeper = Create(clock);
        var served = sweeper.Services.GetRequiredService<ServedApis>();

        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse("no CRD: discovery answers 404");
        await InstallAsync(group, "rollouts", "Rollout");
        var before = DiscoveryRequests(group);
        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse("the answer is kept for the interval");
        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse("the answer is kept for the interval");
        DiscoveryRequests(group).ShouldBe(before, "questions within the interval ask nothing");

        clock.Advance(TimeSpan.FromSeconds(1));

        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeTrue("asked again after the interval");
        DiscoveryRequests(group).ShouldBe(before + 1);
    }

    [Fact]
    public async Task A_group_version_served_without_the_resource_does_not_serve_it()
    {
        var group = NewGroup();
        await InstallAsync(group, "workflows", "Workflow");
        await using var sweeper = Create(new SteppedTimestamps());
        var served = sweeper.Services.GetRequiredService<ServedApis>();

        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse();
        (await served.ServesAsync(group, Version, "workflows", default)).ShouldBeTrue();
        (await served.ServesAsync(group, "v1", "workflows", default)).ShouldBeFalse("another version of the group");
    }

    [Fact]
    public async Task A_new_leader_term_asks_discovery_again()
    {
        var group = NewGroup();
        await using var sweeper = Create(new SteppedTimestamps());
        var served = sweeper.Services.GetRequiredService<ServedApis>();
        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse();
        await InstallAsync(group, "rollouts", "Rollout");

        served.Forget();

        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_discovery_is_not_known_yet_and_is_asked_again_after_the_interval()
    {
        var group = NewGroup();
        await InstallAsync(group, "rollouts", "Rollout");
        var path = $"/apis/{group}/{Version}";
        var fault = sandbox.Server.Faults.Add(new FaultRule { Kind = FaultKind.InternalError, Resources = [path], User = EmulatorUsers.Sweeper });
        var clock = new SteppedTimestamps();
        await using var sweeper = Create(clock, "--Sweeper:MaxAttempts=2");
        var served = sweeper.Services.GetRequiredService<ServedApis>();
        try
        {
            (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse("nothing known yet");
            var failed = DiscoveryRequests(group);
            (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeFalse();
            DiscoveryRequests(group).ShouldBe(failed, "a failure is asked again at the next interval, not at once");
        }
        finally
        {
            sandbox.Server.Faults.Remove(fault);
        }

        clock.Advance(Interval);

        (await served.ServesAsync(group, Version, "rollouts", default)).ShouldBeTrue();
    }

    private TestSweeper Create(SteppedTimestamps clock, params string[] settings) =>
        TestSweeper.Create(sandbox.Server, "test-sweeper", null,
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)), ["--Sweeper:DiscoveryInterval=5m", .. settings]);

    private static string NewGroup() => $"served{Interlocked.Increment(ref _groups)}.example.tarnfui.io";

    private int DiscoveryRequests(string group) =>
        sandbox.Server.Stats.Requests().Count(r => r.User == EmulatorUsers.Sweeper && r.Path == $"/apis/{group}/{Version}");

    private async Task InstallAsync(string group, string plural, string kind)
    {
        var schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true };
        await sandbox.Admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = $"{plural}.{group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = plural, Kind = kind, Singular = kind.ToLowerInvariant() },
                Versions = [new V1CustomResourceDefinitionVersion { Name = Version, Served = true, Storage = true, Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schema } }],
            },
        });
    }
}
