using System.Text.Json;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Passes over the value of a member the reader does not read. In a body the reader may write to
/// (<see cref="Writable"/>), an object or array is first found whole by a scan of its strings and brackets and
/// overwritten with a string of spaces of the same length, which the tokenizer then passes over in one search instead
/// of token by token: a pod template, a user's groups, a request's kind. Anything the scan cannot place for certain
/// (unbalanced brackets, a string cut short or holding a control character, nesting near the reader's limit) is left
/// as it is, for the tokenizer to read and refuse as before. <see cref="ContainerScan"/> does the scan.
/// </summary>
/// <remarks>
/// What this gives up: inside a member that is not read, an object or array whose brackets and strings balance but
/// whose grammar does not hold (<c>{"a" 1}</c>, <c>[1 2]</c>, <c>tru</c>, an unknown escape) is accepted instead of
/// refused. The API server serialises every review it sends, so only another client can send one, and such a member
/// decides nothing. Everything the decision reads is still read by <see cref="Utf8JsonReader"/> with all its checks.
/// </remarks>
internal static class SkippedValues
{
    // The body being read on this thread that may be written to, while AdmissionReviewReader reads it (synchronously).
    [ThreadStatic]
    private static byte[]? t_body;

    [ThreadStatic]
    private static int t_length;

    /// <summary>Lets <see cref="Skip"/> blank values in <paramref name="body"/>'s first <paramref name="length"/> bytes until the scope is disposed.</summary>
    public static WritableScope Writable(byte[] body, int length)
    {
        ArgumentNullException.ThrowIfNull(body);
        t_body = body;
        t_length = length;
        return default;
    }

    /// <summary>Skips the value of the member whose name the reader is on, blanking it first where it may.</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        if (t_body is { } body && reader.TokenType == JsonTokenType.PropertyName
            && ContainerScan.TryFind(body.AsSpan(0, t_length), (int)reader.BytesConsumed, reader.CurrentDepth, out var start, out var end))
        {
            var value = body.AsSpan(start, end - start);
            value.Fill((byte)' ');
            value[0] = (byte)'"';
            value[^1] = (byte)'"';
        }

        reader.Skip();
    }

    /// <summary>Ends <see cref="Writable"/>: the next read on this thread writes to nothing.</summary>
    public readonly struct WritableScope : IDisposable
    {
        public void Dispose()
        {
            t_body = null;
            t_length = 0;
        }
    }
}
