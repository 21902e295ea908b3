using System.Text.Json.Nodes;
using NodaTime.Text;

namespace Tarnfui.Emulator.Store;

public sealed partial class ObjectStore
{
    // The alphabet and length apiserver's names.SimpleNameGenerator uses for generateName.
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int GenerateNameSuffix = 5;

    private static string NameOf(ResourceType type, JsonObject metadata)
    {
        if ((string?)metadata["name"] is { Length: > 0 } name)
        {
            return name;
        }

        if ((string?)metadata["generateName"] is { Length: > 0 } prefix)
        {
            var generated = prefix + new string(Random.Shared.GetItems(GenerateNameAlphabet.AsSpan(), GenerateNameSuffix));
            metadata["name"] = generated;
            return generated;
        }

        throw StatusException.Invalid(type, "", "metadata.name", "Required value: name or generateName is required");
    }

    private void PrepareForCreate(ResourceType type, JsonObject metadata, string name)
    {
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = InstantPattern.General.Format(_clock.GetCurrentInstant());
        metadata.Remove("deletionTimestamp");
        if (type.Group is "apps" or "batch" or "admissionregistration.k8s.io")
        {
            metadata["generation"] = 1;
        }

        if (type == ResourceTypes.Namespaces)
        {
            if (metadata["labels"] is not JsonObject labels)
            {
                labels = [];
                metadata["labels"] = labels;
            }

            labels["kubernetes.io/metadata.name"] = name;
        }
    }
}
