using System.Collections.Concurrent;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// One instance of each string that many stored objects repeat — namespaces, label keys, pod phases and node names —
/// so that a million objects in a few thousand namespaces hold a few thousand namespace strings, not a million copies.
/// Only values of small variety belong here: the pool keeps every string it is given for the life of the process.
/// </summary>
internal static class SharedStrings
{
    private static readonly ConcurrentDictionary<string, string> Pool = new(StringComparer.Ordinal);

    /// <summary>The pooled instance equal to <paramref name="value"/> (null stays null).</summary>
    public static string? Of(string? value) => value is null ? null : Pool.GetOrAdd(value, value);

    /// <summary>
    /// Labels with pooled keys; a value equal to the object's <paramref name="name"/> (the <c>app</c> label of most
    /// workloads) shares the name's instance, and the other values stay as they are: they vary too much to pool.
    /// </summary>
    public static KeyValuePair<string, string>[] Labels(IEnumerable<KeyValuePair<string, string>> labels, string name) =>
        [.. labels.Select(l => KeyValuePair.Create(Of(l.Key)!, l.Value == name ? name : l.Value))];
}
