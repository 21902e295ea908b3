using System.Text.Json;
using static Tarnfui.Webhook.Admission.ReviewJson;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// Reads the <c>metadata</c> of a review's object or oldObject for <see cref="AdmissionReviewReader"/>: names, labels,
/// the annotations that decide (<see cref="ReviewJson.DecisiveMap"/>) and which owner is the controller; the rest
/// (namespace, managed fields, uid, timestamps, other annotations) is skipped.
/// </summary>
internal static class ObjectMetadataReader
{
    /// <param name="reader">On the metadata's opening brace; left on its closing one.</param>
    /// <param name="at">The metadata's path, for the reason a value is refused.</param>
    /// <param name="requestName">The request's name, read before the object as the API server orders a review: the
    /// object's own name is most often the same, and is then not decoded again.</param>
    public static ObjectMetadata Read(ref Utf8JsonReader reader, string at, string? requestName = null)
    {
        var metadata = new ObjectMetadata();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("name"u8))
            {
                metadata.Name = String(ref reader, at, "name", requestName);
            }
            else if (name.SequenceEqual("generateName"u8))
            {
                metadata.GenerateName = String(ref reader, at, "generateName");
            }
            else if (name.SequenceEqual("annotations"u8))
            {
                metadata.Annotations = DecisiveMap(ref reader, at, "annotations");
            }
            else if (name.SequenceEqual("labels"u8))
            {
                metadata.Labels = Map(ref reader, at, "labels");
            }
            else if (name.SequenceEqual("ownerReferences"u8))
            {
                metadata.OwnerReferences = Owners(ref reader, at);
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return metadata;
    }

    // A null entry stays null, as the serializer left it; the decision looks for the controller among the others.
    private static List<OwnerReference>? Owners(ref Utf8JsonReader reader, string at)
    {
        if (!StartArray(ref reader, at, "ownerReferences"))
        {
            return null;
        }

        var owners = new List<OwnerReference>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            owners.Add(reader.TokenType switch
            {
                JsonTokenType.StartObject => Owner(ref reader, $"{at}.ownerReferences[{owners.Count}]"),
                JsonTokenType.Null => null!,
                _ => throw Mismatch(ref reader, $"{at}.ownerReferences[{owners.Count}]", "an object"),
            });
        }

        return owners;
    }

    private static OwnerReference Owner(ref Utf8JsonReader reader, string at)
    {
        var owner = new OwnerReference();
        while (NextMember(ref reader))
        {
            var name = MemberName(ref reader);
            if (name.SequenceEqual("controller"u8))
            {
                owner.Controller = Boolean(ref reader, at, "controller");
            }
            else
            {
                SkippedValues.Skip(ref reader);
            }
        }

        return owner;
    }
}
