using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// The oracle of one case: the intended semantics of the sweeper and the webhook, applied to the case's workloads
/// step by step. Which decision a policy takes (working hours, off-hours, exempt, invalid, downtime count) comes from
/// Core's <see cref="PolicyResolver"/>, which has tests of its own; what is modelled here is what happens to the
/// replicas and the stop record:
/// <list type="bullet">
/// <item>a stop records the count and the count it held the workload at; a restore puts the count back if the workload
/// is still at that held count, else the person's count stays, and the record goes;</item>
/// <item>a stopped workload raised above its held count while off-hours is stopped again at the next sweep, with the
/// raised count as the count to restore;</item>
/// <item>an invalid annotation never stops a running workload, and never keeps a stopped one down: its restore falls
/// back to the global schedule;</item>
/// <item>a future <c>sleep-until</c> is off-hours whatever the schedule says (Core decides it); <c>restore: manual</c>
/// keeps a stopped workload held in the morning;</item>
/// <item>in <c>zero</c> mode a main-resource scale-up off-hours is held at the downtime count with the new intent
/// recorded, and a <c>/scale</c> scale-up off-hours is refused;</item>
/// <item>a CronJob is one replica while it runs and none while suspended: a stop suspends it (held at none), the
/// morning resumes it if it is still suspended, one a person suspended is never stopped, and one a person resumes
/// while stopped (past the webhook) is not stopped again; through the webhook in <c>zero</c> mode, a resume off-hours is
/// held suspended with the intent recorded.</item>
/// </list>
/// </summary>
public sealed class CaseModel
{
    private readonly PolicyResolver _policy;

    public CaseModel(NightCase nightCase, IReadOnlyList<string> namespaceNames, string? kubeSystemName, PolicyResolver policy)
    {
        ArgumentNullException.ThrowIfNull(nightCase);
        ArgumentNullException.ThrowIfNull(namespaceNames);
        Case = nightCase;
        _policy = policy;
        Namespaces = nightCase.Namespaces.Select((n, i) => new ModelNamespace(namespaceNames[i], n.Annotations)).ToList();
        Workloads = nightCase.Namespaces
            .Select((n, i) => n.Workloads.Select(w => new ModelWorkload(new WorkloadRef(w.Kind, Namespaces[i].Name, w.Name), Namespaces[i], w)).ToList())
            .ToList();
        foreach (var w in Workloads.SelectMany(w => w).Where(w => w.ScaledObject is not null))
        {
            // The webhook knows nothing of KEDA: a target created off-hours (a forced sleep, a forced downtime) is held
            // at its downtime count with a stop record as any workload is; then KEDA applies a person's pause.
            if (Resolve(w, SweeperSandbox.Noon) is PolicyDecision.OffHours created && w.Replicas > created.DowntimeReplicas)
            {
                w.Trace.Add($"noon: created off-hours, held at {created.DowntimeReplicas} by the webhook");
                w.Record = new StopRecord(w.Replicas, created.DowntimeReplicas);
                w.Replicas = created.DowntimeReplicas;
            }

            w.ScaledObject!.Noon(w, replicas => Refuses(w, SweeperSandbox.Noon, replicas));
        }

        if (kubeSystemName is not null)
        {
            var plan = new WorkloadPlan(WorkloadKind.Deployment, kubeSystemName, nightCase.KubeSystemReplicas!.Value, new Dictionary<string, string>());
            KubeSystem = new ModelWorkload(new WorkloadRef(WorkloadKind.Deployment, "kube-system", kubeSystemName), new ModelNamespace("kube-system", plan.Annotations), plan);
        }
    }

    public NightCase Case { get; }

    public IReadOnlyList<ModelNamespace> Namespaces { get; }

    /// <summary>By namespace, then workload, as in the case.</summary>
    public IReadOnlyList<IReadOnlyList<ModelWorkload>> Workloads { get; }

    /// <summary>Every workload of the case, its kube-system one included.</summary>
    public IEnumerable<ModelWorkload> All => Workloads.SelectMany(w => w).Concat(KubeSystem is null ? [] : [KubeSystem]);

    public ModelWorkload? KubeSystem { get; }

    public ModelWorkload this[WorkloadAddress address] => Workloads[address.Namespace][address.Workload];

    /// <summary>One sweep at <paramref name="at"/>: the restore pass over the recorded workloads, then the stop pass.</summary>
    public void Sweep(Instant at, string when)
    {
        var restored = new HashSet<ModelWorkload>();
        foreach (var w in Workloads.SelectMany(w => w).Where(w => w.Record is not null))
        {
            if (Restore(w, at, when))
            {
                restored.Add(w);
            }
        }

        // A workload raised above the count its stop held it at is stopped again, its raised count the new intent; a KEDA
        // target is never stopped by the pod walk, but one the webhook holds with a record is stopped again as any is.
        foreach (var w in Workloads.SelectMany(w => w).Where(w => (w.ScaledObject is null || w.Record is not null) && !restored.Contains(w) && (w.Record is null || (!Suspends(w) && w.Replicas > w.Record.Held))))
        {
            if (Resolve(w, at) is PolicyDecision.OffHours offHours && w.Replicas > offHours.DowntimeReplicas)
            {
                w.Trace.Add($"{when}: {(w.Record is null ? "stopped" : "raised while stopped, stopped again")} {w.Replicas} -> {offHours.DowntimeReplicas}");
                w.Record = new StopRecord(w.Replicas, offHours.DowntimeReplicas);
                w.Counts = w.Counts with { Stops = w.Counts.Stops + 1 };
                w.Replicas = offHours.DowntimeReplicas;
            }
        }
    }

    /// <summary>
    /// The ScaledObject pass of the same sweep (it never stops a KEDA target itself), and then one sync of the KEDA
    /// operator, whose writes to a target meet the webhook: a raise off-hours is refused.
    /// </summary>
    public void SweepScaledObjects(Instant at, string when)
    {
        foreach (var w in Workloads.SelectMany(w => w).Where(w => w.ScaledObject is not null))
        {
            w.ScaledObject!.Sweep(w, Resolve(w, at), () => _policy.Resolve(w.Ref, null, false, null, at), when);
        }

        foreach (var w in Workloads.SelectMany(w => w).Where(w => w.ScaledObject is not null))
        {
            w.ScaledObject!.Sync(w, replicas => Refuses(w, at, replicas), when);
        }
    }

    // Whether the webhook refuses a write of the target's /scale (KEDA's) to replicas: a raise off-hours.
    private bool Refuses(ModelWorkload w, Instant at, int replicas) =>
        Resolve(w, at) is PolicyDecision.OffHours off && Raises(replicas, w.Replicas, off.DowntimeReplicas);

    /// <summary>Applies <paramref name="action"/>; for a <c>/scale</c> attempt, returns whether the webhook lets it through.</summary>
    public bool Apply(NightAction action, Instant at)
    {
        var when = at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        if (CronJobWrite(action) is { } cronJob)
        {
            // A person sets spec.suspend: any count resumes it, none suspends it. A resume through the webhook (in
            // zero mode) off-hours is stored suspended with the intent to run recorded, like a raised count.
            var (target, replicas) = cronJob;
            var written = this[target];
            if (replicas > 0 && written.Replicas == 0 && action is NightAction.WebhookWrite or NightAction.ScaleAttempt && Resolve(written, at) is PolicyDecision.OffHours)
            {
                written.Trace.Add($"{when}: a person sets suspend=false, held suspended by the webhook");
                written.Record = new StopRecord(1, 0);
                written.Counts = written.Counts with { Stops = written.Counts.Stops + 1 };
                written.Replicas = 0;
                return true;
            }

            this[target].Replicas = replicas > 0 ? 1 : 0;
            this[target].Trace.Add($"{when}: a person sets suspend={replicas == 0}");
            return true;
        }

        switch (action)
        {
            case NightAction.Annotate { Workload: null } a:
                Set(Namespaces[a.Namespace].Annotations, a.Key, a.Value);
                foreach (var w in Workloads[a.Namespace])
                {
                    w.Trace.Add($"{when}: namespace {a.Key}{(a.Value is null ? " removed" : "=" + a.Value)}");
                }

                return true;
            case NightAction.Annotate a:
                var annotated = this[new WorkloadAddress(a.Namespace, a.Workload!.Value)];
                Set(annotated.Annotations, a.Key, a.Value);
                annotated.Trace.Add($"{when}: {a.Key}{(a.Value is null ? " removed" : "=" + a.Value)}");
                return true;
            case NightAction.PersonWrite p:
                this[p.Target].Replicas = p.Replicas;
                this[p.Target].Trace.Add($"{when}: a person sets {p.Replicas}{(p.ThroughScale ? " through /scale" : "")}");
                return true;
            case NightAction.WebhookWrite write:
                var target = this[write.Target];
                if (Resolve(target, at) is PolicyDecision.OffHours held && Raises(write.Replicas, target.Replicas, held.DowntimeReplicas))
                {
                    target.Trace.Add($"{when}: apply {write.Replicas}, held at {held.DowntimeReplicas} by the webhook");
                    target.Record = new StopRecord(write.Replicas, held.DowntimeReplicas);
                    target.Counts = target.Counts with { Stops = target.Counts.Stops + 1 };
                    target.Replicas = held.DowntimeReplicas;
                }
                else
                {
                    target.Trace.Add($"{when}: apply {write.Replicas}, let through by the webhook");
                    target.Replicas = write.Replicas;
                }

                return true;
            case NightAction.ScaleAttempt scale:
                var scaled = this[scale.Target];
                if (Resolve(scaled, at) is PolicyDecision.OffHours refused && Raises(scale.Replicas, scaled.Replicas, refused.DowntimeReplicas))
                {
                    scaled.Trace.Add($"{when}: kubectl scale {scale.Replicas} refused by the webhook");
                    return false;
                }

                scaled.Trace.Add($"{when}: kubectl scale {scale.Replicas} let through by the webhook");
                scaled.Replicas = scale.Replicas;
                return true;
            case NightAction.KedaPause pause:
                this[pause.Target].ScaledObject!.SetPause(pause.Value);
                this[pause.Target].Trace.Add($"{when}: a person {(pause.Value is null ? "removes the pause" : $"pauses at {pause.Value}")}");
                return true;
            case NightAction.KedaActivate activate:
                this[activate.Target].ScaledObject!.Activate();
                this[activate.Target].Trace.Add($"{when}: the trigger turns active");
                return true;
            case NightAction.KubeSystemWrite ks:
                KubeSystem!.Replicas = ks.Replicas;
                KubeSystem.Trace.Add($"{when}: a person sets {ks.Replicas}");
                return true;
            default:
                throw new InvalidOperationException($"unknown night action {action}");
        }
    }

    private bool Restore(ModelWorkload w, Instant at, string when)
    {
        var record = w.Record!;
        var decision = Resolve(w, at);
        var fellBack = decision is PolicyDecision.Invalid;
        if (fellBack)
        {
            decision = _policy.Resolve(w.Ref, null, false, null, at);
        }

        if (decision is PolicyDecision.OffHours or PolicyDecision.Exempt { Reason: ExemptionReason.NeverTouchedNamespace })
        {
            return false;
        }

        // restore: manual: the sweeper never brings it back. Its stopped view carries no count, so the record of one whose
        // count a person changed stays too (a raise is stopped again in the evening); a CronJob's view carries
        // spec.suspend, so one a person resumed loses its record as any other does.
        if (decision.ManualRestore is not null && (!Suspends(w) || w.Replicas == record.Held))
        {
            return false;
        }

        // The count the stop held the workload at, as recorded then: today's downtime-replicas may say another.
        var held = record.Held;
        w.Record = null;
        if (w.Replicas == held)
        {
            w.Trace.Add($"{when}: restored {held} -> {record.Original}{(fellBack ? " (invalid policy: global schedule)" : "")}");
            w.Replicas = record.Original;
            w.Counts = w.Counts with { Restores = w.Counts.Restores + 1 };
        }
        else
        {
            w.Trace.Add($"{when}: a person's {w.Replicas} kept (held at {held}), record removed");
            w.Counts = w.Counts with { PersonsKept = w.Counts.PersonsKept + 1 };
        }

        return true;
    }

    /// <summary>The CronJob a write of replicas targets and the count written, or null when it targets no CronJob.</summary>
    public (WorkloadAddress Target, int Replicas)? CronJobWrite(NightAction action)
    {
        (WorkloadAddress Target, int Replicas)? write = action switch
        {
            NightAction.PersonWrite p => (p.Target, p.Replicas),
            NightAction.WebhookWrite w => (w.Target, w.Replicas),
            NightAction.ScaleAttempt s => (s.Target, s.Replicas),
            _ => null,
        };
        return write is { } found && Suspends(this[found.Target]) ? found : null;
    }

    private static bool Suspends(ModelWorkload w) => w.Ref.Kind.Stop == StopMethod.Suspend;

    private PolicyDecision Resolve(ModelWorkload w, Instant at) =>
        _policy.Resolve(w.Ref, Nullable(w.Annotations), false, Nullable(w.Namespace.Annotations), at);

    // A scale-up that ends above the downtime count, as the webhook reads one.
    private static bool Raises(int requested, int previous, int downtimeReplicas) => requested > downtimeReplicas && requested > previous;

    private static Dictionary<string, string>? Nullable(Dictionary<string, string> annotations) => annotations.Count == 0 ? null : annotations;

    private static void Set(Dictionary<string, string> annotations, string key, string? value)
    {
        if (value is null)
        {
            annotations.Remove(key);
        }
        else
        {
            annotations[key] = value;
        }
    }
}
