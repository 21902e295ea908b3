using System.Text;

namespace Tarnfui.Core.Policy;

/// <summary>
/// The annotation and label keys a decision or a stop's patch reads: Tarnfui's (<see cref="WellKnown.Prefix"/>) and
/// kube-downscaler's (<see cref="WellKnown.KubeDownscaler.Prefix"/>), which the policy translates. Every other key an
/// object carries (<c>kubectl.kubernetes.io/last-applied-configuration</c>, other tools' keys, often several KB) decides
/// nothing, and the sweeper and the webhook do not copy it.
/// </summary>
public static class DecisiveKeys
{
    // The two prefixes as UTF-8, made from WellKnown's, which stay the only spelling of them.
    private static readonly byte[] TarnfuiPrefix = Encoding.UTF8.GetBytes(WellKnown.Prefix);

    private static readonly byte[] KubeDownscalerPrefix = Encoding.UTF8.GetBytes(WellKnown.KubeDownscaler.Prefix);

    /// <summary>Whether <paramref name="key"/> is one a decision or a patch reads.</summary>
    public static bool Is(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(WellKnown.Prefix, StringComparison.Ordinal) || KubeDownscalerMapping.IsKubeDownscalerKey(key);
    }

    /// <summary>The same question of a key as UTF-8 bytes with no JSON escapes in them.</summary>
    public static bool Is(ReadOnlySpan<byte> utf8Key) => utf8Key.StartsWith(TarnfuiPrefix) || utf8Key.StartsWith(KubeDownscalerPrefix);
}
