using System.Collections;
using System.Text;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.StopRecord;

/// <summary>
/// A path of <see cref="PatchOperation"/> as raw segments that also keeps its escaped JSON Pointer once written: the
/// paths of the stop record are the same in every patch, so a writer of many patches (the webhook writes one per
/// held admission) escapes and encodes each of them once, not per operation.
/// </summary>
public sealed class PatchPath : IReadOnlyList<string>
{
    private readonly string[] _segments;

    // Written at first use and kept; two threads racing both write the same value.
    private byte[]? _utf8Pointer;

    public PatchPath(params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        foreach (var segment in segments)
        {
            ArgumentNullException.ThrowIfNull(segment, nameof(segments));
        }

        _segments = [.. segments];
    }

    public int Count => _segments.Length;

    public string this[int index] => _segments[index];

    /// <summary><see cref="JsonPointer.Of"/> of the segments, as UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8Pointer => _utf8Pointer ??= Encoding.UTF8.GetBytes(JsonPointer.Of(_segments));

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)_segments).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The raw segments joined by <c>/</c>, as <see cref="PatchOperation.ToString"/> shows them.</summary>
    public override string ToString() => "/" + string.Join('/', _segments);
}
