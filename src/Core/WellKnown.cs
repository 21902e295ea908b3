namespace Tarnfui.Core;

/// <summary>
/// Every wire string Tarnfui reads or writes: annotation and label keys, field manager, Event reasons.
/// Nothing else in the code base spells one of these out, tests included.
/// </summary>
public static class WellKnown
{
    /// <summary>The prefix of every Tarnfui annotation and label key.</summary>
    public const string Prefix = "tarnfui.io/";

    /// <summary>Annotations on Deployments, StatefulSets, CronJobs and (where noted) Namespaces.</summary>
    public static class Annotations
    {
        /// <summary><c>"true"</c>: never stopped; also valid on a Namespace.</summary>
        public const string Exclude = Prefix + "exclude";

        /// <summary>RFC 3339 instant or <c>YYYY-MM-DD</c>: excluded until then; also valid on a Namespace.</summary>
        public const string ExcludeUntil = Prefix + "exclude-until";

        /// <summary>
        /// RFC 3339 instant or <c>YYYY-MM-DD</c>: kept stopped until then, even in working hours (a forced sleep); also
        /// valid on a Namespace.
        /// </summary>
        public const string SleepUntil = Prefix + "sleep-until";

        /// <summary><see cref="ManualRestoreValue"/>: stopped off-hours as usual, never restored by the sweeper; also valid on a Namespace.</summary>
        public const string Restore = Prefix + "restore";

        /// <summary>The one value of <see cref="Restore"/>: only a person (<c>kubectl tarnfui restore</c>) brings the workload back.</summary>
        public const string ManualRestoreValue = "manual";

        /// <summary>On a Namespace: the name of the notification target its stops and restores are reported to, alone.</summary>
        public const string Notify = Prefix + "notify";

        /// <summary>Schedule spec of working hours; also valid on a Namespace.</summary>
        public const string Uptime = Prefix + "uptime";

        /// <summary>Schedule spec of off-hours; also valid on a Namespace.</summary>
        public const string Downtime = Prefix + "downtime";

        /// <summary>Replicas kept during off-hours (default 0); also valid on a Namespace.</summary>
        public const string DowntimeReplicas = Prefix + "downtime-replicas";

        /// <summary>
        /// <c>"true"</c>, <c>"false"</c> or a schedule spec: off-hours whenever it holds, whatever the schedule says (an
        /// exclusion still wins); also valid on a Namespace. kube-downscaler's <c>downscaler/force-downtime</c>.
        /// </summary>
        public const string ForceDowntime = Prefix + "force-downtime";

        /// <summary>State: the replica count to restore, written in the same write as the stop.</summary>
        public const string OriginalReplicas = Prefix + "original-replicas";

        /// <summary>State: RFC 3339 instant of the stop.</summary>
        public const string StoppedAt = Prefix + "stopped-at";

        /// <summary>
        /// State: the count the stop set, so that "a person changed it" means <c>spec.replicas</c> differs from this,
        /// whatever <see cref="DowntimeReplicas"/> says by the morning. Absent on records written before it existed.
        /// </summary>
        public const string HeldReplicas = Prefix + "held-replicas";

        /// <summary>
        /// State, on a kind stopped through <c>spec.suspend</c> (a CronJob): the <c>spec.suspend</c> value to restore
        /// (<c>"false"</c> or <c>"true"</c>), written in the same write as the stop, in place of <see cref="OriginalReplicas"/>.
        /// </summary>
        public const string OriginalSuspend = Prefix + "original-suspend";

        /// <summary>
        /// State, on a HorizontalPodAutoscaler whose target Tarnfui holds at a downtime count of one or more: the
        /// <c>spec.minReplicas</c> to restore, or <see cref="UnsetValue"/> when the HPA had none.
        /// </summary>
        public const string OriginalMinReplicas = Prefix + "original-min-replicas";

        /// <summary>State, on a HorizontalPodAutoscaler Tarnfui bounded: the <c>spec.maxReplicas</c> to restore.</summary>
        public const string OriginalMaxReplicas = Prefix + "original-max-replicas";

        /// <summary>
        /// State, on a KEDA ScaledObject Tarnfui paused for the night: the <see cref="Keda.PausedReplicas"/> value a person
        /// had set, which the morning puts back, or <see cref="UnsetValue"/> when it carried none.
        /// </summary>
        public const string OriginalPausedReplicas = Prefix + "original-paused-replicas";

        /// <summary>The value of <see cref="OriginalMinReplicas"/> for an HPA that carried no <c>spec.minReplicas</c>.</summary>
        public const string UnsetValue = "unset";

        /// <summary>
        /// The annotations of an HPA's bound record, written together with the bounds and removed together with their
        /// restore: the original bounds, the count both were set to (<see cref="HeldReplicas"/>) and <see cref="StoppedAt"/>.
        /// </summary>
        public static readonly IReadOnlyList<string> AutoscalerState = [OriginalMinReplicas, OriginalMaxReplicas, HeldReplicas, StoppedAt];

        /// <summary>
        /// The annotations of a ScaledObject's pause record, written together with <see cref="Keda.PausedReplicas"/> and
        /// removed together with its restore: the target's count (<see cref="OriginalReplicas"/>), the paused count
        /// (<see cref="HeldReplicas"/>), a person's own paused count (<see cref="OriginalPausedReplicas"/>) and <see cref="StoppedAt"/>.
        /// </summary>
        public static readonly IReadOnlyList<string> ScaledObjectState = [OriginalReplicas, HeldReplicas, OriginalPausedReplicas, StoppedAt];

        /// <summary>The annotations of the stop record, written together by a stop and removed together by a restore.</summary>
        public static readonly IReadOnlyList<string> State = [OriginalReplicas, HeldReplicas, StoppedAt, OriginalSuspend, OriginalPausedReplicas];

        /// <summary>Every annotation whose presence or value can change what the sweeper decides about a workload.</summary>
        public static readonly IReadOnlyList<string> Decisive = [Exclude, ExcludeUntil, SleepUntil, Restore, Uptime, Downtime, DowntimeReplicas, ForceDowntime, OriginalReplicas, HeldReplicas, StoppedAt, OriginalSuspend];
    }

    /// <summary>
    /// kube-downscaler's annotations (its <c>scaler.py</c>), read as Tarnfui's with <c>Policy:KubeDownscalerAnnotations</c>
    /// and rewritten by <c>kubectl tarnfui migrate</c>; <see cref="Policy.KubeDownscalerMapping"/> says how.
    /// </summary>
    public static class KubeDownscaler
    {
        /// <summary>The prefix of every kube-downscaler annotation key.</summary>
        public const string Prefix = "downscaler/";

        public const string Exclude = Prefix + "exclude";
        public const string ExcludeUntil = Prefix + "exclude-until";
        public const string Uptime = Prefix + "uptime";
        public const string Downtime = Prefix + "downtime";
        public const string DowntimeReplicas = Prefix + "downtime-replicas";
        public const string ForceDowntime = Prefix + "force-downtime";

        /// <summary>Keys Tarnfui has no equivalent of: <c>migrate</c> leaves an object carrying one as it is.</summary>
        public const string ForceUptime = Prefix + "force-uptime";
        public const string UpscalePeriod = Prefix + "upscale-period";
        public const string DownscalePeriod = Prefix + "downscale-period";
        public const string GracePeriod = Prefix + "grace-period";

        /// <summary>kube-downscaler's own stop record: the count it restores.</summary>
        public const string OriginalReplicas = Prefix + "original-replicas";
    }

    /// <summary>
    /// Annotations the Kubernetes deployment controller keeps (kube-controller-manager, <c>deploymentutil</c>): the
    /// current ReplicaSet carries a copy of its Deployment's annotations plus these, which is what lets the sweeper
    /// decide about a Deployment from the ReplicaSet metadata it reads anyway. Which annotations the controller does
    /// not copy is the emulator's to know (it plays the controller); the sweeper tests what it read instead.
    /// </summary>
    public static class DeploymentAnnotations
    {
        /// <summary>The rollout revision, on the Deployment and on each of its ReplicaSets.</summary>
        public const string Revision = "deployment.kubernetes.io/revision";

        /// <summary>On a ReplicaSet: its Deployment's <c>spec.replicas</c>.</summary>
        public const string DesiredReplicas = "deployment.kubernetes.io/desired-replicas";
    }

    /// <summary>KEDA's own wire strings (<c>keda.sh/v1alpha1</c>), which Tarnfui reads and writes on ScaledObjects.</summary>
    public static class Keda
    {
        /// <summary>The API group and version of ScaledObjects.</summary>
        public const string Group = "keda.sh";
        public const string Version = "v1alpha1";
        public const string ScaledObjectKind = "ScaledObject";
        public const string ScaledObjects = "scaledobjects";

        /// <summary>
        /// KEDA's pause: while a ScaledObject carries it, KEDA scales its target to this count itself and stops
        /// autoscaling it (activation from zero included) until it is removed.
        /// </summary>
        public const string PausedReplicas = "autoscaling.keda.sh/paused-replicas";

        /// <summary>The service account KEDA's operator runs as in its default installation.</summary>
        public const string OperatorServiceAccount = "system:serviceaccount:keda:keda-operator";
    }

    /// <summary>Labels Tarnfui writes.</summary>
    public static class Labels
    {
        /// <summary>State: <c>"true"</c> while stopped by Tarnfui, so the restore finds its workloads with one selector.</summary>
        public const string Stopped = Prefix + "stopped";

        /// <summary>The value of <see cref="Stopped"/> on a stopped workload; any other value is not Tarnfui's mark.</summary>
        public const string StoppedValue = "true";

        /// <summary>The label selector that finds every workload Tarnfui holds down.</summary>
        public const string StoppedSelector = Stopped + "=" + StoppedValue;
    }

    /// <summary>Reasons of the <c>events.k8s.io/v1</c> Events Tarnfui emits.</summary>
    public static class EventReasons
    {
        public const string Stopped = "Stopped";
        public const string Restored = "Restored";
        public const string RestoreSkipped = "RestoreSkipped";
        public const string AutoscalerBounded = "AutoscalerBounded";
        public const string AutoscalerRestored = "AutoscalerRestored";
        public const string ScaledObjectPaused = "ScaledObjectPaused";
        public const string ScaledObjectResumed = "ScaledObjectResumed";
        public const string InvalidSchedule = "InvalidSchedule";
    }

    /// <summary>Event <c>reportingController</c> and <c>action</c> values.</summary>
    public static class Events
    {
        public const string SweeperController = "tarnfui.io/sweeper";
        public const string WebhookController = "tarnfui.io/webhook";
        public const string StopAction = "Stop";
        public const string RestoreAction = "Restore";
    }

    /// <summary>Field manager names, so that managedFields say who wrote what.</summary>
    public static class FieldManagers
    {
        public const string Sweeper = "tarnfui-sweeper";
        public const string Cli = "kubectl-tarnfui";
    }

    /// <summary>Names of objects Tarnfui itself owns.</summary>
    public static class Objects
    {
        /// <summary>The default namespace Tarnfui is installed in.</summary>
        public const string Namespace = "tarnfui";

        /// <summary>The coordination.k8s.io/v1 Lease the sweepers elect a leader with.</summary>
        public const string SweeperLease = "tarnfui-sweeper";

        /// <summary>Service account names used by the manifests.</summary>
        public const string SweeperServiceAccount = "tarnfui-sweeper";
        public const string WebhookServiceAccount = "tarnfui-webhook";

        /// <summary>The MutatingWebhookConfiguration and its webhook name.</summary>
        public const string WebhookConfiguration = "tarnfui";
        public const string WebhookName = "workloads.tarnfui.io";

        /// <summary>The ConfigMap holding the programs' configuration (kustomize may append a content hash to it).</summary>
        public const string ConfigMap = "tarnfui-config";
    }

    /// <summary>
    /// Namespaces that are never touched, whatever the configuration says. Tarnfui's own namespace is added
    /// at run time from configuration.
    /// </summary>
    public static readonly IReadOnlyList<string> NeverTouchedNamespaces = ["kube-system", "kube-public", "kube-node-lease"];

    /// <summary>The Accept header that makes the API server answer a LIST with PartialObjectMetadataList.</summary>
    public const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    /// <summary>The Accept header that makes the API server answer a GET with PartialObjectMetadata.</summary>
    public const string MetadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
}
