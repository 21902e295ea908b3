using System.Text;
using k8s;

namespace Tarnfui.Sandbox.Controllers;

/// <summary>Generated names as Kubernetes makes them: FNV-32a hashes written with its safe alphabet.</summary>
public static class Names
{
    // k8s.io/apimachinery/pkg/util/rand: no vowels and no digits that read as letters, so no words appear.
    private const string Alphanumerics = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The <c>pod-template-hash</c> of a pod template, stable for equal templates.</summary>
    public static string TemplateHash(object template) => SafeEncode(Fnv32a(Encoding.UTF8.GetBytes(KubernetesJson.Serialize(template))).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A 5-character suffix for pod <paramref name="index"/> of owner <paramref name="ownerUid"/>, like the random ones of ReplicaSet pods.</summary>
    public static string PodSuffix(string ownerUid, int index)
    {
        var hash = Fnv32a(Encoding.UTF8.GetBytes(ownerUid + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphanumerics[(int)(hash % (uint)Alphanumerics.Length)];
            hash /= (uint)Alphanumerics.Length;
        }

        return new string(chars);
    }

    /// <summary>rand.SafeEncodeString: each character mapped into the safe alphabet.</summary>
    public static string SafeEncode(string text) => string.Concat(text.Select(c => Alphanumerics[c % Alphanumerics.Length]));

    private static uint Fnv32a(ReadOnlySpan<byte> data)
    {
        var hash = 2166136261u;
        foreach (var b in data)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }
}
