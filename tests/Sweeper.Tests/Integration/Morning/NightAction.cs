namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// The phases of a night step, in the order they run: annotations change (through the webhook, as <c>kubectl
/// annotate</c> would), people write counts (the webhook not registered, as in <c>warn</c> mode or for a user it lets
/// through), scale-ups meet the webhook in <c>zero</c> mode, people write to <c>kube-system</c>.
/// </summary>
public enum NightPhase
{
    Annotations,
    People,
    Webhook,
    KubeSystem,
}

/// <summary>Something that happens to a case at one night step. A closed family.</summary>
public abstract record NightAction(int Step)
{
    public abstract NightPhase Phase { get; }

    protected string At => NightCase.Steps[Step].ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An annotation of a namespace (<paramref name="Workload"/> null) or a workload set, or removed (<paramref name="Value"/> null).</summary>
    public sealed record Annotate(int Step, int Namespace, int? Workload, string Key, string? Value) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.Annotations;

        public override string ToString() =>
            $"{At} annotate {(Workload is { } w ? new WorkloadAddress(Namespace, w).ToString() : $"ns{Namespace}")} {Key}{(Value is null ? " removed" : $"={Value}")}";
    }

    /// <summary>A person sets <c>spec.replicas</c> (through the main resource or <c>/scale</c>) with the webhook out of the way.</summary>
    public sealed record PersonWrite(int Step, WorkloadAddress Target, int Replicas, bool ThroughScale) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.People;

        public override string ToString() => $"{At} person sets {Target} to {Replicas}{(ThroughScale ? " through /scale" : "")}";
    }

    /// <summary>An UPDATE of the main resource setting replicas, admitted by the webhook in <c>zero</c> mode.</summary>
    public sealed record WebhookWrite(int Step, WorkloadAddress Target, int Replicas) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.Webhook;

        public override string ToString() => $"{At} apply {Target} replicas {Replicas} (webhook zero mode)";
    }

    /// <summary>A <c>/scale</c> UPDATE (kubectl scale, an HPA) admitted by the webhook in <c>zero</c> mode: refused if it raises off-hours.</summary>
    public sealed record ScaleAttempt(int Step, WorkloadAddress Target, int Replicas) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.Webhook;

        public override string ToString() => $"{At} kubectl scale {Target} to {Replicas} (webhook zero mode)";
    }

    /// <summary>A person sets the <c>paused-replicas</c> of a workload's ScaledObject, or removes it (<paramref name="Value"/> null).</summary>
    public sealed record KedaPause(int Step, WorkloadAddress Target, string? Value) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.People;

        public override string ToString() => $"{At} person {(Value is null ? "removes the pause of" : $"pauses at {Value}")} the ScaledObject of {Target}";
    }

    /// <summary>The trigger of a workload's ScaledObject becomes active (what KEDA's scalers would measure): KEDA activates it unless paused.</summary>
    public sealed record KedaActivate(int Step, WorkloadAddress Target) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.People;

        public override string ToString() => $"{At} the trigger of {Target}'s ScaledObject turns active";
    }

    /// <summary>A person scales the case's <c>kube-system</c> workload (the webhook registered; it never applies there).</summary>
    public sealed record KubeSystemWrite(int Step, int Replicas) : NightAction(Step)
    {
        public override NightPhase Phase => NightPhase.KubeSystem;

        public override string ToString() => $"{At} person sets the kube-system workload to {Replicas}";
    }
}
