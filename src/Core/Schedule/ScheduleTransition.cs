using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>An instant at which a spec starts (<paramref name="Matching"/> true) or stops matching.</summary>
public readonly record struct ScheduleTransition(Instant At, bool Matching);
