using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

public class WorkloadKindTests
{
    public static TheoryData<string, string, string, string, string> Descriptors => new()
    {
        { "Deployment", "deployments", "apps/v1", "/apis/apps/v1/namespaces/shop/deployments/api", "deploy" },
        { "StatefulSet", "statefulsets", "apps/v1", "/apis/apps/v1/namespaces/shop/statefulsets/api", "sts" },
        { "CronJob", "cronjobs", "batch/v1", "/apis/batch/v1/namespaces/shop/cronjobs/api", "cj" },
        { "Job", "jobs", "batch/v1", "/apis/batch/v1/namespaces/shop/jobs/api", "" },
        { "Rollout", "rollouts", "argoproj.io/v1alpha1", "/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/api", "ro" },
    };

    // kind, how it is stopped, how the sweeper finds it, whether the webhook and the CLI handle it
    public static TheoryData<string, StopMethod, WorkloadDiscovery, bool> HowEachIsStopped => new()
    {
        { "Deployment", StopMethod.Replicas, WorkloadDiscovery.RunningPods, true },
        { "StatefulSet", StopMethod.Replicas, WorkloadDiscovery.RunningPods, true },
        { "CronJob", StopMethod.Suspend, WorkloadDiscovery.Watched, false },
        { "Job", StopMethod.Suspend, WorkloadDiscovery.RunningPods, false },
        { "Rollout", StopMethod.Replicas, WorkloadDiscovery.RunningPods, true },
    };

    // kind, the kind between its pods and it, whether it is handled only once discovery says it is served
    public static TheoryData<string, string?, bool> HowPodsReachIt => new()
    {
        { "Deployment", "ReplicaSet", false },
        { "StatefulSet", null, false },
        { "Job", null, false },
        { "Rollout", "ReplicaSet", true },
    };

    [Theory, MemberData(nameof(HowPodsReachIt))]
    public void Each_descriptor_says_what_is_between_it_and_its_pods_and_whether_discovery_must_serve_it(string name, string? through, bool requiresDiscovery)
    {
        var kind = WorkloadKind.Of(name);

        (kind.PodsOwnedThrough, kind.RequiresDiscovery).ShouldBe((through, requiresDiscovery));
    }

    [Theory, MemberData(nameof(HowEachIsStopped))]
    public void Each_descriptor_says_how_it_is_found_and_stopped(string name, StopMethod stop, WorkloadDiscovery foundBy, bool withReplicas)
    {
        var kind = WorkloadKind.Of(name);

        (kind.Stop, kind.FoundBy, kind.ReachedFromPods).ShouldBe((stop, foundBy, foundBy == WorkloadDiscovery.RunningPods));
        WorkloadKind.WithReplicas.Contains(kind).ShouldBe(withReplicas);
    }

    [Theory, MemberData(nameof(Descriptors))]
    public void Each_descriptor_carries_its_API_coordinates(string name, string plural, string apiVersion, string objectPath, string shortName)
    {
        var kind = WorkloadKind.Of(name);

        (kind.Kind, kind.Plural, kind.ApiVersion, kind.ObjectPath("shop", "api"), kind.ToString()).ShouldBe((name, plural, apiVersion, objectPath, name));
        // "": kubectl knows the kind by no short name.
        kind.ShortNames.ShouldBe(shortName.Length == 0 ? [] : [shortName]);
        kind.Namespaced.ShouldBeTrue();
        new WorkloadRef(kind, "shop", "api").Resource.ShouldBe(plural);
        new WorkloadRef(kind, "shop", "api").ToString().ShouldBe($"{name.ToLowerInvariant()} shop/api");
    }

    [Theory, MemberData(nameof(Descriptors))]
    public void Every_lookup_finds_a_kind_from_its_descriptor_alone(string name, string plural, string apiVersion, string objectPath, string shortName)
    {
        _ = objectPath;
        var kind = WorkloadKind.Of(name);

        var group = apiVersion.Split('/')[0];
        WorkloadKind.FindByResource(group, plural).ShouldBeSameAs(kind);
        WorkloadKind.FindByOwner(apiVersion, name).ShouldBeSameAs(kind);
        foreach (var alias in new[] { plural, name, name.ToUpperInvariant(), $"{plural}.{group}", $"{name.ToLowerInvariant()}.{group}" })
        {
            WorkloadKind.FindByAlias(alias).ShouldBeSameAs(kind, alias);
        }

        if (shortName.Length > 0)
        {
            WorkloadKind.FindByAlias(shortName).ShouldBeSameAs(kind);
        }
    }

    [Fact]
    public void Adding_a_kind_is_one_descriptor_every_lookup_reads_from_All()
    {
        // Every lookup answers for every descriptor in All, and no spelling names two kinds.
        foreach (var kind in WorkloadKind.All)
        {
            WorkloadKind.Of(kind.Kind).ShouldBeSameAs(kind);
            WorkloadKind.FindByResource(kind.Group, kind.Plural).ShouldBeSameAs(kind);
            WorkloadKind.FindByOwner(kind.ApiVersion, kind.Kind).ShouldBeSameAs(kind);
            kind.Aliases.ShouldAllBe(alias => WorkloadKind.FindByAlias(alias) == kind);
        }

        WorkloadKind.All.SelectMany(k => k.Aliases).ShouldBeUnique();
    }

    [Theory]
    [InlineData("DaemonSet")]
    [InlineData("deployment")]
    [InlineData("")]
    public void An_unknown_kind_fails_loudly_naming_the_known_ones(string name)
    {
        var failure = Should.Throw<NotSupportedException>(() => WorkloadKind.Of(name));

        failure.Message.ShouldContain($"workload kind {name} is not one Tarnfui handles");
        failure.Message.ShouldContain("Deployment, StatefulSet, CronJob");
    }

    [Fact]
    public void A_kind_a_typed_call_has_no_branch_for_fails_through_the_same_place()
    {
        var failure = WorkloadKind.NotHandled(WorkloadKind.StatefulSet, "SomeApi.ReadAsync");

        failure.Message.ShouldContain("workload kind StatefulSet (apps/v1) in SomeApi.ReadAsync is not one Tarnfui handles");
    }

    [Theory]
    [InlineData("apps", "daemonsets")]
    [InlineData("batch", "deployments")]
    [InlineData(null, null)]
    public void Lookups_of_other_resources_find_nothing(string? group, string? plural)
    {
        WorkloadKind.FindByResource(group, plural).ShouldBeNull();
        WorkloadKind.FindByOwner("apps/v1", "ReplicaSet").ShouldBeNull();
        WorkloadKind.FindByOwner("extensions/v1beta1", "Deployment").ShouldBeNull();
        WorkloadKind.FindByAlias("ds").ShouldBeNull();
    }
}
