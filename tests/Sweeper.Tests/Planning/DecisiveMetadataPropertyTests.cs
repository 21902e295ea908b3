using CsCheck;
using k8s.Models;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// Keeping only the decisive part of an object changes no decision: for any mix of Tarnfui keys (valid or not) and
/// foreign ones, the restore, stop and copy planners decide exactly as they do on the whole metadata, and the patches
/// they lead to are byte for byte the same.
/// </summary>
public class DecisiveMetadataPropertyTests
{
    private static readonly string[] Foreign =
        [DeploymentControllerAnnotations.LastAppliedConfiguration, WellKnown.DeploymentAnnotations.Revision, "example.com/team", "tarnfui.io.example.com/x"];

    private static readonly (string Key, string[] Values)[] Tarnfui =
    [
        (WellKnown.Annotations.Exclude, ["true", "false", "yes"]),
        (WellKnown.Annotations.ExcludeUntil, ["2026-11-24", "2026-11-23T21:00:00Z", "soon"]),
        (WellKnown.Annotations.Uptime, ["Mon-Fri 07:00-19:00 UTC", "always", "sometimes"]),
        (WellKnown.Annotations.Downtime, ["Mon-Sun 22:00-06:00 UTC", "never", "nightly"]),
        (WellKnown.Annotations.DowntimeReplicas, ["0", "1", "-1"]),
        (WellKnown.Annotations.OriginalReplicas, ["3", "0", "three"]),
        (WellKnown.Annotations.StoppedAt, ["2026-11-23T19:00:00Z", "yesterday"]),
        (WellKnown.Prefix + "future-key", ["x"]),
    ];

    private static readonly Instant[] Instants = [StopPlannerTests.Evening, StopPlannerTests.Morning, Instant.FromUtc(2026, 11, 24, 2, 0)];

    // A map: absent, or some foreign keys and some Tarnfui keys with one of their values each.
    private static readonly Gen<Dictionary<string, string>?> Annotations =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, (1 << Foreign.Length) - 1], Gen.Int[0, (1 << Tarnfui.Length) - 1], Gen.Int[0, 100])
            .Select((absent, foreign, tarnfui, pick) => absent == 0 ? null : Map(foreign, tarnfui, pick));

    private static readonly Gen<Dictionary<string, string>?> Labels =
        Gen.Int[0, 3].Select(i => i switch
        {
            0 => null,
            1 => new Dictionary<string, string> { ["app"] = "api" },
            2 => new Dictionary<string, string> { ["app"] = "api", [WellKnown.Labels.Stopped] = "true" },
            _ => new Dictionary<string, string> { [WellKnown.Labels.Stopped] = "false" },
        });

    private static readonly Gen<int?> Replicas = Gen.Int[-1, 4].Select(r => r < 0 ? (int?)null : r);

    [Fact]
    public void Restore_decisions_and_patches_are_the_same_on_the_kept_part()
    {
        Gen.Select(Annotations, Labels, Annotations, Gen.Int[0, Instants.Length - 1], Replicas, Gen.Bool).Sample((annotations, labels, ns, at, replicas, owned) =>
        {
            var (whole, kept) = Both(annotations, labels, replicas, owned);
            var nsKept = DecisiveMetadata.Annotations(ns);

            Describe(RestorePlanner.Plan(kept, nsKept, StopPlannerTests.Policy, Instants[at]))
                .ShouldBe(Describe(RestorePlanner.Plan(whole, ns, StopPlannerTests.Policy, Instants[at])));
        }, iter: 2000);
    }

    [Fact]
    public void Stop_decisions_and_patches_are_the_same_on_the_kept_part()
    {
        Gen.Select(Annotations, Labels, Annotations, Gen.Int[0, Instants.Length - 1], Gen.Int[0, 4], Gen.Bool).Sample((annotations, labels, ns, at, replicas, owned) =>
        {
            var (whole, kept) = Both(annotations, labels, replicas, owned);
            var nsKept = DecisiveMetadata.Annotations(ns);

            Describe(StopPlanner.Plan(kept, nsKept, StopPlannerTests.Policy, Instants[at]), Instants[at])
                .ShouldBe(Describe(StopPlanner.Plan(whole, ns, StopPlannerTests.Policy, Instants[at]), Instants[at]));
        }, iter: 2000);
    }

    [Fact]
    public void Copy_decisions_and_their_tests_are_the_same_on_the_kept_part()
    {
        Gen.Select(Annotations, Annotations, Gen.Int[0, Instants.Length - 1], Gen.Int[0, 4]).Sample((annotations, ns, at, replicas) =>
        {
            var replicaSet = new Dictionary<string, string>(annotations ?? [])
            {
                [WellKnown.DeploymentAnnotations.Revision] = "4",
                [WellKnown.DeploymentAnnotations.DesiredReplicas] = replicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            var metadata = new V1ObjectMeta
            {
                NamespaceProperty = "shop",
                Name = "api-5d9c",
                Annotations = replicaSet,
                OwnerReferences = [new V1OwnerReference { ApiVersion = OwnerWalk.AppsV1, Kind = OwnerWalk.Deployment, Name = "api", Uid = "d-uid", Controller = true }],
            };
            var kept = ReplicaSetCopy.Read(metadata).ShouldNotBeNull();

            // What the copy was before: every annotation the controller copies.
            var whole = kept with
            {
                Annotations = replicaSet.Where(a => !DeploymentControllerAnnotations.NotCopied.Contains(a.Key)).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
            };
            var nsKept = DecisiveMetadata.Annotations(ns);

            Describe(CopyPlanner.Plan(kept, nsKept, StopPlannerTests.Policy, Instants[at]), Instants[at])
                .ShouldBe(Describe(CopyPlanner.Plan(whole, ns, StopPlannerTests.Policy, Instants[at]), Instants[at]));
        }, iter: 2000);
    }

    private static Dictionary<string, string> Map(int foreign, int tarnfui, int pick)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Foreign.Length; i++)
        {
            if ((foreign & (1 << i)) != 0)
            {
                map[Foreign[i]] = "{\"kind\":\"Deployment\"}";
            }
        }

        for (var i = 0; i < Tarnfui.Length; i++)
        {
            if ((tarnfui & (1 << i)) != 0)
            {
                var values = Tarnfui[i].Values;
                map[Tarnfui[i].Key] = values[(pick + i) % values.Length];
            }
        }

        return map;
    }

    // The same workload as the planners saw it before (its whole metadata) and as the view keeps it now.
    private static (WorkloadSnapshot Whole, WorkloadSnapshot Kept) Both(Dictionary<string, string>? annotations, Dictionary<string, string>? labels, int? replicas, bool owned)
    {
        var metadata = new V1ObjectMeta { NamespaceProperty = "shop", Name = "api", Uid = "uid-api", ResourceVersion = "7", Annotations = annotations, Labels = labels };
        if (owned)
        {
            metadata.OwnerReferences = [new V1OwnerReference { ApiVersion = "example.com/v1", Kind = "Shop", Name = "shop", Uid = "o-uid", Controller = true }];
        }

        var kept = KubeApi.Snapshot(new WorkloadRef(WorkloadKind.Deployment, "shop", "api"), metadata) with { Replicas = replicas };
        var whole = kept with { Metadata = new WorkloadMetadata(annotations, labels) };
        return (whole, kept);
    }

    // A plan as the actor carries it out: its kind, its figures and reason, and the patch it sends (as KubeActor builds it).
    private static string Describe(RestorePlan plan)
    {
        var w = plan.Workload;
        return plan switch
        {
            RestorePlan.Restore r => $"restore {r.Replicas} {r.HeldAt} {r.Why} "
                + ReplicaPatches.Restore(w.Metadata, r.Replicas, new PatchPreconditions(w.ResourceVersion, w.Replicas is null ? r.HeldAt : null)).ToJsonString(),
            RestorePlan.Forget f => $"forget {f.Replicas} {f.HeldAt} " + ReplicaPatches.Forget(w.Metadata, PatchPreconditions.OnResourceVersion(w.ResourceVersion)).ToJsonString(),
            RestorePlan.Invalid i => "invalid " + i.Message,
            _ => plan.GetType().Name,
        };
    }

    private static string Describe(StopPlan plan, Instant now)
    {
        var w = plan.Workload;
        return plan switch
        {
            StopPlan.ScaleDown s => $"stop {s.From} {s.To} "
                + ReplicaPatches.Stop(w.Metadata, s.From, s.To, now, s.Preconditions ?? PatchPreconditions.OnResourceVersion(w.ResourceVersion)).ToJsonString(),
            StopPlan.Leave l => "leave " + l.Reason,
            StopPlan.ReadFirst r => "read first " + r.Reason,
            StopPlan.Invalid i => "invalid " + i.Message,
            _ => plan.GetType().Name,
        };
    }
}
