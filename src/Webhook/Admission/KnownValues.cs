using System.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// A fixed set of strings a review carries again and again (the envelope's apiVersion and kind, the operation, the
/// resource's group and name), each kept once: a value equal to one of them, byte for byte, is answered with the
/// kept string instead of a new one decoded from the body.
/// </summary>
internal sealed class KnownValues
{
    /// <summary>The values of <c>request.operation</c>.</summary>
    public static readonly KnownValues Operations = new(AdmissionTarget.Create, AdmissionTarget.Update, "DELETE", "CONNECT");

    /// <summary>The API groups of the kinds the webhook admits.</summary>
    public static readonly KnownValues Groups = new([.. WorkloadKind.All.Select(kind => kind.Group).Distinct()]);

    /// <summary>The resources (plural names) of the kinds the webhook admits.</summary>
    public static readonly KnownValues Resources = new([.. WorkloadKind.All.Select(kind => kind.Plural)]);

    /// <summary>The subresources the API server sends to a webhook registered for workloads.</summary>
    public static readonly KnownValues Subresources = new(AdmissionTarget.ScaleSubresource, "status");

    public static readonly KnownValues ApiVersions = new(AdmissionReview.ApiVersionV1);

    public static readonly KnownValues Kinds = new(AdmissionReview.KindName);

    private readonly (byte[] Utf8, string Text)[] _values;

    public KnownValues(params string[] values) =>
        _values = [.. values.Select(value => (Encoding.UTF8.GetBytes(value), value))];

    /// <summary>The kept string equal to <paramref name="utf8"/>, or null when none is.</summary>
    public string? Find(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, text) in _values)
        {
            if (utf8.SequenceEqual(bytes))
            {
                return text;
            }
        }

        return null;
    }
}
