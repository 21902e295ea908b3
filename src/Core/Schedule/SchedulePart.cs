using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>One comma-separated part of a spec. A closed family: constant, recurring, absolute, from, until.</summary>
internal abstract class SchedulePart
{
    private protected SchedulePart()
    {
    }

    public abstract bool Matches(Instant instant);

    /// <summary>
    /// Adds every instant in (<paramref name="after"/>, <paramref name="until"/>] at which this part may flip.
    /// Extra candidates are harmless (the caller checks each); a missing one would lose a transition.
    /// </summary>
    public abstract void AddCandidates(Instant after, Instant until, List<Instant> candidates);

    /// <summary>Its value when it has the same one at every instant (<c>always</c>, <c>never</c>), otherwise null.</summary>
    public virtual bool? Constant => null;

    /// <summary>Adds the instants written in it, where its value changes once and for all.</summary>
    public virtual void AddWrittenInstants(List<Instant> instants)
    {
    }

    protected static void AddIfInside(Instant candidate, Instant after, Instant until, List<Instant> candidates)
    {
        if (candidate > after && candidate <= until)
        {
            candidates.Add(candidate);
        }
    }
}

/// <summary><c>always</c> or <c>never</c>.</summary>
internal sealed class ConstantPart(bool value) : SchedulePart
{
    public static readonly ConstantPart Always = new(true);
    public static readonly ConstantPart Never = new(false);

    public bool Value { get; } = value;

    public override bool Matches(Instant instant) => Value;

    public override bool? Constant => Value;

    public override void AddCandidates(Instant after, Instant until, List<Instant> candidates)
    {
    }
}

/// <summary><c>&lt;RFC3339&gt;-&lt;RFC3339&gt;</c>: the half-open range [start, end).</summary>
internal sealed class AbsolutePart(Instant start, Instant end) : SchedulePart
{
    public Instant Start { get; } = start;

    public Instant End { get; } = end;

    public override bool Matches(Instant instant) => instant >= Start && instant < End;

    public override void AddCandidates(Instant after, Instant until, List<Instant> candidates)
    {
        AddIfInside(Start, after, until, candidates);
        AddIfInside(End, after, until, candidates);
    }

    public override void AddWrittenInstants(List<Instant> instants)
    {
        instants.Add(Start);
        instants.Add(End);
    }
}

/// <summary><c>from &lt;RFC3339&gt;</c>: that instant and every later one.</summary>
internal sealed class FromPart(Instant start) : SchedulePart
{
    public Instant Start { get; } = start;

    public override bool Matches(Instant instant) => instant >= Start;

    public override void AddCandidates(Instant after, Instant until, List<Instant> candidates) =>
        AddIfInside(Start, after, until, candidates);

    public override void AddWrittenInstants(List<Instant> instants) => instants.Add(Start);
}

/// <summary><c>until &lt;RFC3339&gt;</c>: every instant before that one (exclusive, like an absolute range's end).</summary>
internal sealed class UntilPart(Instant end) : SchedulePart
{
    public Instant End { get; } = end;

    public override bool Matches(Instant instant) => instant < End;

    public override void AddCandidates(Instant after, Instant until, List<Instant> candidates) =>
        AddIfInside(End, after, until, candidates);

    public override void AddWrittenInstants(List<Instant> instants) => instants.Add(End);
}
