using NodaTime;

namespace Tarnfui.Core.Policy;

/// <summary>
/// Why an <see cref="PolicyDecision.OffHours"/> holds a workload whatever its schedule says: a
/// <c>tarnfui.io/sleep-until</c> in the future, on the workload or its namespace.
/// </summary>
/// <param name="Until">When the forced sleep ends; the schedule applies again from then.</param>
/// <param name="Scope">Where the annotation was found.</param>
/// <param name="Detail">A sentence for messages and <c>kubectl tarnfui explain</c>: the key, its value and, when an <c>exclude-until</c> lost to it, why.</param>
public sealed record ForcedSleep(Instant Until, PolicyScope Scope, string Detail);
