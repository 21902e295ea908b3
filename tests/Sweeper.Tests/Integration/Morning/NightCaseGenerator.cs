using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// Makes a <see cref="NightCase"/> from its seed with <see cref="Random(int)"/>, whose seeded sequence .NET keeps
/// stable across versions, so a printed seed replays the same case anywhere.
/// </summary>
public static class NightCaseGenerator
{
    public static NightCase Generate(int seed)
    {
        var random = new Random(seed);

        // CronJobs are drawn from a sequence of their own, so the draws of the main one, and every case a seed made
        // before CronJobs existed, stay as they were: a seed kept below replays the night that found its defect.
        var cronJobs = new Random(unchecked((seed * 31) + 16));
        List<NamespacePlan> namespaces = Enumerable.Range(0, 1 + (random.Next(3) == 0 ? 1 : 0))
            .Select(_ => new NamespacePlan(
                InitialAnnotations(random),
                Enumerable.Range(0, 1 + random.Next(3)).Select(i => Workload(random, cronJobs, i)).ToList()))
            .ToList();
        int? kubeSystem = random.Next(4) == 0 ? 1 + random.Next(3) : null;
        var addresses = namespaces.SelectMany((n, ni) => n.Workloads.Select((_, wi) => new WorkloadAddress(ni, wi))).ToList();

        var actions = new List<NightAction>();
        var count = random.Next(10);
        for (var i = 0; i < count; i++)
        {
            actions.Add(Action(random, random.Next(NightCase.Steps.Count), namespaces.Count, addresses));
        }

        if (kubeSystem is not null)
        {
            actions.AddRange(Enumerable.Range(0, random.Next(3)).Select(_ => new NightAction.KubeSystemWrite(random.Next(NightCase.Steps.Count), random.Next(6))));
        }

        // KEDA targets come from a sequence of their own too, and are added after the workloads the main one made, so
        // that its actions' addresses still name the same workloads.
        var keda = new Random(unchecked((seed * 37) + 18));
        namespaces = [.. namespaces.Select(n => keda.Next(3) == 0 ? n with { Workloads = [.. n.Workloads, KedaTarget(keda, n.Workloads.Count)] } : n)];
        var kedaTargets = namespaces.SelectMany((n, ni) => n.Workloads.Select((w, wi) => (w, Address: new WorkloadAddress(ni, wi)))).Where(x => x.w.Keda is not null).Select(x => x.Address).ToList();
        if (kedaTargets.Count > 0)
        {
            actions.AddRange(Enumerable.Range(0, keda.Next(6)).Select(_ => KedaAction(keda, AnnotationChoices.Pick(keda, kedaTargets))));
        }

        // The order they run in: by step, then phase; within a phase, as generated.
        var ordered = actions.Select((a, i) => (a, i)).OrderBy(x => x.a.Step).ThenBy(x => x.a.Phase).ThenBy(x => x.i).Select(x => x.a).ToList();
        return new NightCase(seed, namespaces, kubeSystem, ordered);
    }

    private static WorkloadPlan Workload(Random random, Random cronJobs, int index)
    {
        // One draw, as before Rollouts were added, so that a seed keeps the rest of its case: an eighth are Argo Rollouts.
        var kind = random.Next(8) switch
        {
            0 or 1 => WorkloadKind.StatefulSet,
            2 => WorkloadKind.Rollout,
            _ => WorkloadKind.Deployment,
        };
        var replicas = random.Next(8) == 0 ? 0 : 1 + random.Next(5);
        var annotations = InitialAnnotations(random);

        // A CronJob is modelled as one replica when it runs and none when suspended (CaseModel).
        return cronJobs.Next(4) == 0
            ? new WorkloadPlan(WorkloadKind.CronJob, $"w{index}", replicas > 0 ? 1 : 0, annotations)
            : new WorkloadPlan(kind, $"w{index}", replicas, annotations);
    }

    // A Deployment or StatefulSet scaled by KEDA, a quarter of them paused by a person at noon.
    private static WorkloadPlan KedaTarget(Random keda, int index)
    {
        var kind = keda.Next(3) == 0 ? WorkloadKind.StatefulSet : WorkloadKind.Deployment;
        var replicas = keda.Next(8) == 0 ? 0 : 1 + keda.Next(5);
        var annotations = InitialAnnotations(keda);
        var personPaused = keda.Next(4) == 0 ? Count(keda.Next(4)) : null;
        return new WorkloadPlan(kind, $"w{index}", replicas, annotations, new KedaPlan(personPaused));
    }

    // A person pauses (at a count of their own) or unpauses a ScaledObject, its trigger turns active, or its target's
    // policy annotations change: at any step, Tarnfui's pause in place or not.
    private static NightAction KedaAction(Random keda, WorkloadAddress target)
    {
        var step = keda.Next(NightCase.Steps.Count);
        switch (keda.Next(10))
        {
            case < 3:
                return new NightAction.KedaPause(step, target, Count(keda.Next(4)));
            case < 5:
                return new NightAction.KedaPause(step, target, null);
            case < 7:
                return new NightAction.KedaActivate(step, target);
            default:
                var key = AnnotationChoices.Pick(keda, AnnotationChoices.Keys);
                return new NightAction.Annotate(step, target.Namespace, target.Workload, key, AnnotationChoices.Next(keda, key));
        }
    }

    private static string Count(int replicas) => replicas.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Most start without any: the evening stops them. Some start with a valid one (a downtime count, an exclusion).
    private static Dictionary<string, string> InitialAnnotations(Random random)
    {
        var annotations = new Dictionary<string, string>();
        if (random.Next(6) == 0)
        {
            var key = AnnotationChoices.Pick(random, AnnotationChoices.Keys);
            annotations[key] = AnnotationChoices.NextValid(random, key);
        }

        return annotations;
    }

    private static NightAction Action(Random random, int step, int namespaces, List<WorkloadAddress> addresses)
    {
        var target = AnnotationChoices.Pick(random, addresses);
        switch (random.Next(20))
        {
            case < 5:
                var nsKey = AnnotationChoices.Pick(random, AnnotationChoices.Keys);
                return new NightAction.Annotate(step, random.Next(namespaces), null, nsKey, AnnotationChoices.Next(random, nsKey));
            case < 11:
                var key = AnnotationChoices.Pick(random, AnnotationChoices.Keys);
                return new NightAction.Annotate(step, target.Namespace, target.Workload, key, AnnotationChoices.Next(random, key));
            case < 14:
                return new NightAction.PersonWrite(step, target, random.Next(7), random.Next(3) == 0);
            case < 18:
                return new NightAction.WebhookWrite(step, target, 1 + random.Next(7));
            default:
                return new NightAction.ScaleAttempt(step, target, 1 + random.Next(7));
        }
    }
}
