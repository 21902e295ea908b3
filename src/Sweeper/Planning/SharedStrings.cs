namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// One instance of each short value that many cached objects carry: namespaces, rollout revisions and the values of
/// Tarnfui's annotations (a count such as "3", the stopped-at time, which is the same for every stop of a sweep).
/// Reading JSON makes a new string for every occurrence, and on a large cluster those copies of a few hundred
/// values were most of the sweeper's live heap (docs/benchmarks.md, sweeper memory). Bounded: once full the pool starts over, so the values of the past
/// (an old stopped-at time, a deleted namespace) are not kept for ever, and a value it no longer holds is still a
/// correct value, only not shared.
/// </summary>
internal static class SharedStrings
{
    /// <summary>Values longer than this are not pooled: they are rarely repeated, and comparing them costs.</summary>
    public const int MaxLength = 64;

    /// <summary>How many distinct values the pool holds before it starts over.</summary>
    public const int Capacity = 4096;

    private static readonly Dictionary<string, string> Pool = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    /// <summary>How many distinct values the pool holds now.</summary>
    public static int Count
    {
        get
        {
            lock (Gate)
            {
                return Pool.Count;
            }
        }
    }

    /// <summary>The pool's instance of <paramref name="value"/>, which becomes it when the pool has none.</summary>
    public static string Share(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength)
        {
            return value;
        }

        lock (Gate)
        {
            if (Pool.TryGetValue(value, out var shared))
            {
                return shared;
            }

            if (Pool.Count >= Capacity)
            {
                Pool.Clear();
            }

            Pool.Add(value, value);
            return value;
        }
    }

    /// <summary><see cref="Share(string)"/>, passing null through.</summary>
    public static string? ShareOrNull(string? value) => value is null ? null : Share(value);
}
