using System.Globalization;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// Runs many <see cref="NightCase"/>s through one night of one sandbox, side by side with their <see cref="CaseModel"/>s:
/// noon (created), evening (stopped), each night step (changes, then a sweep), morning (a sweep, then the property is
/// checked). Each case lives in namespaces of its own, so one sweep serves every case and each case's outcome depends
/// on its seed alone.
/// </summary>
public sealed class NightRunner(MorningSandbox sandbox)
{
    /// <summary>Both programs read kube-downscaler's annotations too, so that the random choices may write them.</summary>
    public static readonly string CompatibilityKey = $"{PolicyOptions.Section}:{nameof(PolicyOptions.KubeDownscalerAnnotations)}";

    private const int Parallelism = 8;

    private readonly SweeperSandbox _cluster = sandbox.Cluster;
    private readonly ClusterWrites _writes = new(sandbox.Cluster.Admin);

    public async Task<IReadOnlyList<CaseOutcome>> RunAsync(IReadOnlyList<NightCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var run = sandbox.NextRun();
        var clock = _cluster.Server.Clock;
        clock.SetTo(SweeperSandbox.Noon);
        await sandbox.UnregisterWebhookAsync();
        await sandbox.RegisterWebhookAsync();
        // KEDA targets' annotations are kept for Sweeper:DiscoveryInterval (KedaTargets): the night's steps come seconds
        // apart, so that latency is taken out here, and each sweep decides on the targets' annotations as they are.
        await using var sweeper = TestSweeper.Create(_cluster.Server, "morning-sweeper", null, $"--{CompatibilityKey}=true", "--Sweeper:DiscoveryInterval=1ms");
        var policy = sweeper.Services.GetRequiredService<PolicyResolver>();

        var outcomes = new CaseOutcome[cases.Count];
        await ForEachAsync(Enumerable.Range(0, cases.Count), async i =>
            outcomes[i] = await CreateAsync(cases[i], $"mp{run}-{i}", policy));
        // KEDA applies a person's own pause at noon (CaseModel does the same).
        await _cluster.Server.Keda.SyncAsync();
        await _cluster.SettledAsync();
        await sandbox.WebhookKnowsAsync(NamespaceAnnotations(outcomes));
        var firstRequest = _cluster.Server.Stats.LastSequence;

        clock.SetTo(SweeperSandbox.Evening);
        await SweepAsync(sweeper, outcomes, SweeperSandbox.Evening, "after the evening sweep", fresh: true);
        for (var step = 0; step < NightCase.Steps.Count; step++)
        {
            var at = NightCase.Steps[step];
            clock.SetTo(at);
            await PhaseAsync(outcomes, step, NightPhase.Annotations, at);

            // People's counts get through as they would past the webhook in warn mode; then it is back, in zero mode.
            await sandbox.UnregisterWebhookAsync();
            await PhaseAsync(outcomes, step, NightPhase.People, at);
            await sandbox.RegisterWebhookAsync();
            await sandbox.WebhookKnowsAsync(NamespaceAnnotations(outcomes));
            await PhaseAsync(outcomes, step, NightPhase.Webhook, at);
            await PhaseAsync(outcomes, step, NightPhase.KubeSystem, at);
            await SweepAsync(sweeper, outcomes, at, $"after the {Time(at)} sweep", fresh: false);
        }

        clock.SetTo(SweeperSandbox.Morning);
        await SweepAsync(sweeper, outcomes, SweeperSandbox.Morning, "in the morning", fresh: false);
        var morning = await _writes.ListAsync();
        var scaledObjects = await _writes.ListScaledObjectsAsync();
        foreach (var outcome in outcomes)
        {
            foreach (var w in outcome.Model.All)
            {
                if (Mismatch(morning, scaledObjects, w) is { } mismatch)
                {
                    outcome.Fail(w, $"in the morning {mismatch}");
                }

                if (KedaMorning.Broken(w, morning, scaledObjects) is { } broken)
                {
                    outcome.Fail(w, $"in the morning {broken}");
                }
            }
        }

        NeverTouchedWereNotWritten(outcomes, firstRequest);
        Requests = _cluster.Server.Stats.Requests().Count(r => r.Sequence > firstRequest);
        await RemoveAsync(outcomes);
        return outcomes;
    }

    /// <summary>The API requests the night cost, everyone's, from the evening to the morning's check.</summary>
    public long Requests { get; private set; }

    // Namespaces take what is in them along: the next run's evening has only its own cases to stop.
    private async Task RemoveAsync(CaseOutcome[] outcomes)
    {
        await ForEachAsync(outcomes.SelectMany(o => o.Model.Namespaces), ns => _cluster.Admin.CoreV1.DeleteNamespaceAsync(ns.Name));
        await ForEachAsync(outcomes.Where(o => o.Model.KubeSystem is not null), o => _cluster.Admin.AppsV1.DeleteNamespacedDeploymentAsync(o.Model.KubeSystem!.Ref.Name, "kube-system"));
        await _cluster.SettledAsync();
    }

    private async Task<CaseOutcome> CreateAsync(NightCase nightCase, string prefix, PolicyResolver policy)
    {
        var names = new List<string>();
        foreach (var plan in nightCase.Namespaces)
        {
            var ns = await _cluster.NamespaceAsync(prefix, Annotations(plan.Annotations));
            names.Add(ns);
            foreach (var w in plan.Workloads)
            {
                if (w.Kind == WorkloadKind.Rollout)
                {
                    await ArgoRollouts.CreateAsync(_cluster.Admin, ns, w.Name, w.Replicas, Annotations(w.Annotations));
                    continue;
                }

                _ = w.Kind == WorkloadKind.Deployment ? (object)await _cluster.DeploymentAsync(ns, w.Name, w.Replicas, Annotations(w.Annotations))
                    : w.Kind == WorkloadKind.CronJob ? await _cluster.CronJobAsync(ns, w.Name, suspend: w.Replicas == 0, Annotations(w.Annotations))
                    : await _cluster.StatefulSetAsync(ns, w.Name, w.Replicas, Annotations(w.Annotations));
                if (w.Keda is { } keda)
                {
                    var paused = keda.PersonPaused is { } value ? new Dictionary<string, string> { [WellKnown.Keda.PausedReplicas] = value } : null;
                    await KedaScaledObjects.CreateAsync(_cluster.Admin, ns, w.Name, w.Name, paused, w.Kind == WorkloadKind.StatefulSet ? w.Kind.Kind : null);
                }
            }
        }

        if (nightCase.KubeSystemReplicas is { } replicas)
        {
            await _cluster.DeploymentAsync("kube-system", prefix, replicas);
        }

        var kubeSystem = nightCase.KubeSystemReplicas is null ? null : prefix;
        return new CaseOutcome(new CaseModel(nightCase, names, kubeSystem, policy));
    }

    private async Task SweepAsync(TestSweeper sweeper, CaseOutcome[] outcomes, Instant at, string when, bool fresh)
    {
        await _cluster.SettledAsync();
        if (!fresh)
        {
            // The first sweep lists; later ones decide from watches, which must have delivered the step's changes.
            await SweeperViewSync.CaughtUpAsync(sweeper, _cluster.Admin);
        }

        await sweeper.SweepAsync();
        await _cluster.Server.Keda.SyncAsync();
        var observed = await _writes.ListAsync();
        var scaledObjects = await _writes.ListScaledObjectsAsync();
        foreach (var outcome in outcomes)
        {
            outcome.Model.Sweep(at, Time(at));
            outcome.Model.SweepScaledObjects(at, Time(at));
            foreach (var w in outcome.Model.All)
            {
                if (KedaMorning.ActivatedWhilePaused(w, observed, scaledObjects) is { } started)
                {
                    outcome.Fail(w, $"{when}: {started}");
                }

                if (Mismatch(observed, scaledObjects, w) is { } mismatch)
                {
                    outcome.Diverged(w, when, mismatch);
                }
            }
        }
    }

    private Task PhaseAsync(CaseOutcome[] outcomes, int step, NightPhase phase, Instant at) =>
        ForEachAsync(outcomes.Where(o => o.Case.Actions.Any(a => a.Step == step && a.Phase == phase)), async outcome =>
        {
            foreach (var action in outcome.Case.Actions.Where(a => a.Step == step && a.Phase == phase))
            {
                await ApplyAsync(outcome, action, at);
            }
        });

    private async Task ApplyAsync(CaseOutcome outcome, NightAction action, Instant at)
    {
        var model = outcome.Model;
        ObservedWorkload? answer = null;
        switch (action)
        {
            case NightAction.Annotate { Workload: null } a:
                await _writes.AnnotateNamespaceAsync(model.Namespaces[a.Namespace].Name, a.Key, a.Value);
                break;
            case NightAction.Annotate a:
                answer = await _writes.AnnotateAsync(model[new WorkloadAddress(a.Namespace, a.Workload!.Value)].Ref, a.Key, a.Value);
                break;
            case NightAction.PersonWrite { ThroughScale: true } p:
                (await _writes.ScaleAsync(model[p.Target].Ref, p.Replicas)).ShouldBeTrue($"{action}: nothing refuses a person's write here");
                break;
            case NightAction.PersonWrite p:
                await _writes.SetReplicasAsync(model[p.Target].Ref, p.Replicas);
                break;
            case NightAction.WebhookWrite write:
                answer = await _writes.SetReplicasAsync(model[write.Target].Ref, write.Replicas);
                break;
            case NightAction.ScaleAttempt scale:
                var allowed = await _writes.ScaleAsync(model[scale.Target].Ref, scale.Replicas);
                var expected = model.Apply(action, at);
                if (allowed != expected)
                {
                    outcome.Fail(model[scale.Target], $"{action}: expected {(expected ? "let through" : "refused")}, found {(allowed ? "let through" : "refused")}");
                }

                return;
            case NightAction.KubeSystemWrite ks:
                await _writes.SetReplicasAsync(model.KubeSystem!.Ref, ks.Replicas);
                break;
            case NightAction.KedaPause pause:
                await _writes.AnnotateScaledObjectAsync(model[pause.Target].Ref, WellKnown.Keda.PausedReplicas, pause.Value);
                break;
            case NightAction.KedaActivate activate:
                await _writes.AnnotateScaledObjectAsync(model[activate.Target].Ref, KedaController.TriggerActiveAnnotation, "true");
                break;
        }

        model.Apply(action, at);
        if (action is NightAction.WebhookWrite webhookWrite && model.CronJobWrite(action) is null && answer!.Mismatch(model[webhookWrite.Target]) is { } mismatch)
        {
            outcome.Fail(model[webhookWrite.Target], $"{action}: stored {mismatch}");
        }
    }

    // No write by the sweeper or the webhook in a never-touched namespace, from the first sweep on.
    private void NeverTouchedWereNotWritten(CaseOutcome[] outcomes, long after)
    {
        var tarnfui = new HashSet<string>(StringComparer.Ordinal) { EmulatorUsers.Sweeper, EmulatorUsers.Webhook };
        var log = _cluster.Server.Stats.Requests();
        if (_cluster.Server.Stats.LastDropped > after)
        {
            foreach (var outcome in outcomes)
            {
                outcome.Fail(null, $"the sandbox's request log dropped requests of the night (it keeps {_cluster.Server.Stats.LogCapacity}): nothing to check kube-system with");
            }
        }

        foreach (var request in log.Where(r => r.Sequence > after && r.Verb is "create" or "update" or "patch" or "delete" or "deletecollection"
                     && tarnfui.Contains(r.User) && r.Namespace is { } ns && WellKnown.NeverTouchedNamespaces.Contains(ns)))
        {
            var owner = outcomes.FirstOrDefault(o => o.Model.KubeSystem is { } ks && request.Path.Split('/').Contains(ks.Ref.Name));
            var failure = $"{request.User} wrote in never-touched namespace {request.Namespace}: {request.Method} {request.Path} -> {request.Code}";
            if (owner is not null)
            {
                owner.Fail(owner.Model.KubeSystem, failure);
            }
            else
            {
                // Not one case's: every case fails with it, so the run does.
                foreach (var outcome in outcomes)
                {
                    outcome.Fail(null, failure);
                }
            }
        }
    }

    private static string? Mismatch(Dictionary<WorkloadRef, ObservedWorkload> observed, Dictionary<WorkloadRef, ObservedScaledObject> scaledObjects, ModelWorkload w) =>
        !observed.TryGetValue(w.Ref, out var actual) ? "gone"
        : w.ScaledObject is null ? actual.Mismatch(w)
        : !scaledObjects.TryGetValue(w.Ref, out var scaledObject) ? "its ScaledObject is gone"
        : actual.Mismatch(w) ?? scaledObject.Mismatch(w.ScaledObject);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> NamespaceAnnotations(IEnumerable<CaseOutcome> outcomes) =>
        outcomes.SelectMany(o => o.Model.Namespaces).ToDictionary(n => n.Name, n => (IReadOnlyDictionary<string, string>)n.Annotations);

    private static Dictionary<string, string>? Annotations(IReadOnlyDictionary<string, string> annotations) =>
        annotations.Count == 0 ? null : new Dictionary<string, string>(annotations);

    private static string Time(Instant at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> action) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (item, _) => await action(item));
}
