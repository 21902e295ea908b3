using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Policy;

/// <summary>
/// <c>tarnfui.io/force-downtime</c> (or kube-downscaler's <c>downscaler/force-downtime</c>): off-hours whenever it
/// holds, whatever the uptime and downtime say. Unlike a sleep until an instant, it has no end of its own: <c>true</c>
/// holds until the annotation is removed, a schedule spec holds while the spec matches. It is folded into the
/// downtime, so that "off-hours" and the next transition come from the one rule that already combines the specs; an
/// exclusion still wins, as it did in kube-downscaler.
/// </summary>
/// <param name="Spec">When the downtime is forced: <c>always</c> for <c>true</c>.</param>
/// <param name="Value">Where it was read.</param>
internal sealed record ForcedDowntime(ScheduleSpec Spec, AnnotationValue Value)
{
    /// <summary>
    /// The most specific scope's forced downtime, or null when none is set or it says <c>false</c> (so a workload can
    /// opt out of its namespace's); the error is an <see cref="PolicyDecision.Invalid"/> naming the key.
    /// </summary>
    public static Result Of(AnnotationScopes scopes, ScheduleDefaults defaults)
    {
        if (scopes.MostSpecific(WellKnown.Annotations.ForceDowntime) is not { } found)
        {
            return new Result(null, null);
        }

        if (found.Error is { } error)
        {
            return new Result(null, new PolicyDecision.Invalid(found.Key, found.Scope, error));
        }

        // kube-downscaler takes "true", "false" or a spec; "true" and "false" are also the spec grammar's always and never.
        var spec = ScheduleSpec.Parse(found.Text, defaults);
        if (!spec.IsValid)
        {
            return new Result(null, new PolicyDecision.Invalid(found.Key, found.Scope,
                $"{found.Key} on the {PolicyResolver.Describe(found.Scope)}: {spec.Error} (or \"true\" / \"false\")"));
        }

        return spec.Value.Constant == false ? new Result(null, null) : new Result(new ForcedDowntime(spec.Value, found), null);
    }

    /// <summary><c>downscaler/force-downtime=true on the namespace</c>.</summary>
    public string Describe() => $"{Value.Key}={Value.Text} on the {PolicyResolver.Describe(Value.Scope)}";

    /// <summary>A forced downtime, none, or why the annotation cannot be read.</summary>
    internal readonly record struct Result(ForcedDowntime? Value, PolicyDecision.Invalid? Error);
}
