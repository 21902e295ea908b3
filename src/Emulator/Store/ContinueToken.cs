using System.Text;
using System.Text.Json;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// The opaque <c>continue</c> value: base64 of <c>{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name"}</c>, the same
/// shape kube-apiserver uses. The next page starts strictly after the last key served, so objects added or
/// removed between pages are neither repeated nor make others skipped.
/// </summary>
public static class ContinueToken
{
    private const string Version = "meta.k8s.io/v1";

    public static string Encode(long resourceVersion, ObjectKey lastKey)
    {
        var json = JsonSerializer.Serialize(new Token(Version, resourceVersion, $"{lastKey.Namespace}/{lastKey.Name}"), TokenContext.Default.Token);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Decodes a token; a garbled one is a 400 like the real server's.</summary>
    public static (long ResourceVersion, ObjectKey LastKey) Decode(string token)
    {
        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var decoded = JsonSerializer.Deserialize(json, TokenContext.Default.Token);
            var slash = decoded?.Start.IndexOf('/', StringComparison.Ordinal) ?? -1;
            if (decoded is null || decoded.V != Version || slash < 0 || decoded.Rv <= 0)
            {
                throw Garbled();
            }

            return (decoded.Rv, new ObjectKey(decoded.Start[..slash], decoded.Start[(slash + 1)..]));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw Garbled();
        }
    }

    private static StatusException Garbled() => StatusException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");

    internal sealed record Token(string V, long Rv, string Start);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ContinueToken.Token))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class TokenContext : System.Text.Json.Serialization.JsonSerializerContext;
