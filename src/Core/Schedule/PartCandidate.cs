using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>
/// An instant at which one part, numbered in the walk that found it, may flip. Ordered by instant then part, so
/// that the parts to evaluate at one instant sit together and a part naming it twice is seen once.
/// </summary>
internal readonly record struct PartCandidate(Instant At, int Part) : IComparable<PartCandidate>
{
    public int CompareTo(PartCandidate other)
    {
        var byInstant = At.CompareTo(other.At);
        return byInstant != 0 ? byInstant : Part.CompareTo(other.Part);
    }
}
