namespace Tarnfui.Emulator.Store;

/// <summary>The identity of a stored object inside its type: namespace ("" when cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(string Namespace, string Name) : IComparable<ObjectKey>
{
    /// <summary>Ordinal order by namespace, then name, which is the order LIST answers in (like etcd's key order).</summary>
    public int CompareTo(ObjectKey other)
    {
        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public static bool operator <(ObjectKey left, ObjectKey right) => left.CompareTo(right) < 0;
    public static bool operator <=(ObjectKey left, ObjectKey right) => left.CompareTo(right) <= 0;
    public static bool operator >(ObjectKey left, ObjectKey right) => left.CompareTo(right) > 0;
    public static bool operator >=(ObjectKey left, ObjectKey right) => left.CompareTo(right) >= 0;

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
