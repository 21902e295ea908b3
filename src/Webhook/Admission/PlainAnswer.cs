using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Writes the answer to an admission byte by byte when every string in it is printable ASCII, which is every answer
/// about objects Kubernetes validated: the uid, the patch type, the status's reason and message, the warnings. The
/// bytes are those the generated serializer writes with <see cref="AnswerJson.WriterOptions"/> (members in the model's
/// order, nulls left out, quotes and backslashes escaped, the patch as base64); an answer with any other string, or
/// anything but an answer (a review carrying a request, an answer without a uid), is left to the serializer.
/// </summary>
/// <remarks>
/// The serializer reaches each member through its metadata and a converter, and the writer checks its state and its
/// buffer at every call: for an answer of a handful of members, that was most of what writing it cost. Here the fixed
/// parts are copied as they are and the strings are escaped in a search over each.
/// </remarks>
internal static class PlainAnswer
{
    // The fixed parts of an answer, besides the strings: punctuation, member names, a status code and the booleans.
    private const int Overhead = 256;

    /// <summary>
    /// Writes the answer into <paramref name="buffer"/>; false, with nothing written (the buffer advances only once the
    /// whole answer is in it), when it holds a string to escape other than by a backslash before a quote or a backslash.
    /// </summary>
    public static bool TryWrite(AdmissionReview review, ArrayBufferWriter<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(buffer);
        if (review.Request is not null || review.Response is not { Uid: not null } response)
        {
            return false;
        }

        var patch = response.Patch is { } document ? document.Utf8() : default;
        var bound = Overhead + Base64.GetMaxEncodedToUtf8Length(patch.Length);
        if (!TryBound(review.ApiVersion, ref bound) || !TryBound(review.Kind, ref bound) || !TryBound(response.Uid, ref bound)
            || !TryBound(response.PatchType, ref bound) || !TryBound(response.Status?.Message, ref bound) || !TryBound(response.Status?.Reason, ref bound)
            || !TryBoundAll(response.Warnings, ref bound))
        {
            return false;
        }

        var json = buffer.GetSpan(bound);
        var at = 0;
        json[at++] = (byte)'{';
        var first = true;
        Member(review.ApiVersion, "\"apiVersion\":"u8, json, ref at, ref first);
        Member(review.Kind, "\"kind\":"u8, json, ref at, ref first);
        Member(response.Uid, "\"response\":{\"uid\":"u8, json, ref at, ref first);
        Name(response.Allowed ? ",\"allowed\":true"u8 : ",\"allowed\":false"u8, json, ref at);
        Member(response.PatchType, "\"patchType\":"u8, json, ref at, ref first);
        if (response.Patch is not null)
        {
            Name(",\"patch\":\""u8, json, ref at);
            Base64.EncodeToUtf8(patch, json[at..], out _, out var encoded);
            at += encoded;
            json[at++] = (byte)'"';
        }

        if (response.Status is { } status)
        {
            Name(",\"status\":{\"code\":"u8, json, ref at);
            status.Code.TryFormat(json[at..], out var digits, provider: CultureInfo.InvariantCulture);
            at += digits;
            Member(status.Message, "\"message\":"u8, json, ref at, ref first);
            Member(status.Reason, "\"reason\":"u8, json, ref at, ref first);
            json[at++] = (byte)'}';
        }

        if (response.Warnings is { } warnings)
        {
            Name(",\"warnings\":["u8, json, ref at);
            for (var i = 0; i < warnings.Count; i++)
            {
                if (i > 0)
                {
                    json[at++] = (byte)',';
                }

                WriteString(warnings[i], json, ref at);
            }

            json[at++] = (byte)']';
        }

        json[at++] = (byte)'}';
        json[at++] = (byte)'}';
        buffer.Advance(at);
        return true;
    }

    // A null is left out; any other string adds its most bytes (every character escaped, and the quotes) when it is plain.
    private static bool TryBound(string? value, ref int bound)
    {
        if (value is null)
        {
            return true;
        }

        bound += (2 * value.Length) + 2;
        return AnswerJson.IsPlain(value);
    }

    // A null warning is the serializer's to refuse.
    private static bool TryBoundAll(AnswerWarnings? warnings, ref int bound)
    {
        for (var i = 0; i < (warnings?.Count ?? 0); i++)
        {
            if (warnings![i] is null || !TryBound(warnings[i], ref bound))
            {
                return false;
            }

            bound++;
        }

        return true;
    }

    // A member the serializer leaves out when null, after a comma unless it is the object's first.
    private static void Member(string? value, ReadOnlySpan<byte> name, Span<byte> json, ref int at, ref bool first)
    {
        if (value is null)
        {
            return;
        }

        if (!first)
        {
            json[at++] = (byte)',';
        }

        first = false;
        Name(name, json, ref at);
        WriteString(value, json, ref at);
    }

    private static void Name(ReadOnlySpan<byte> bytes, Span<byte> json, ref int at)
    {
        bytes.CopyTo(json[at..]);
        at += bytes.Length;
    }

    // Printable ASCII, checked while bounding.
    private static void WriteString(string value, Span<byte> json, ref int at) =>
        at += AnswerJson.WritePlain(value, json[at..]);
}
