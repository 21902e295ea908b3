namespace Tarnfui.Core.Replicas;

/// <summary>JSON Pointer (RFC 6901) paths into a workload, for JSON Patch operations: the one escaper of the code base.</summary>
public static class JsonPointer
{
    public const string Replicas = "/spec/replicas";
    public const string ResourceVersion = "/metadata/resourceVersion";
    public const string Uid = "/metadata/uid";
    public const string OwnerReferences = "/metadata/ownerReferences";
    public const string Annotations = "/metadata/annotations";
    public const string Labels = "/metadata/labels";

    /// <summary>Escapes one reference token: <c>~</c> becomes <c>~0</c> and <c>/</c> becomes <c>~1</c>, in that order.</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>The pointer of raw <paramref name="segments"/>, each escaped: <c>["metadata", "labels", "a/b"]</c> is <c>/metadata/labels/a~1b</c>.</summary>
    public static string Of(IReadOnlyList<string> segments) =>
        string.Create(LengthOf(segments), segments, static (path, segments) => Write(segments, path));

    /// <summary>The length of <see cref="Of"/>: what <see cref="Write"/> needs.</summary>
    public static int LengthOf(IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var length = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i].AsSpan();
            length += 1 + segment.Length + segment.Count('~') + segment.Count('/');
        }

        return length;
    }

    /// <summary>
    /// Writes <see cref="Of"/> into <paramref name="path"/>, which holds <see cref="LengthOf"/> characters: a writer of
    /// the pointer as part of a larger document (every patched admission has a few) needs no string of it.
    /// </summary>
    public static void Write(IReadOnlyList<string> segments, Span<char> path)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var at = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            path[at++] = '/';
            foreach (var c in segments[i])
            {
                if (c is '~' or '/')
                {
                    path[at++] = '~';
                    path[at++] = c == '~' ? '0' : '1';
                }
                else
                {
                    path[at++] = c;
                }
            }
        }
    }

    /// <summary><c>/metadata/annotations/tarnfui.io~1original-replicas</c>.</summary>
    public static string Annotation(string key) => Annotations + "/" + Escape(key);

    /// <summary><c>/metadata/labels/tarnfui.io~1stopped</c>.</summary>
    public static string Label(string key) => Labels + "/" + Escape(key);
}
