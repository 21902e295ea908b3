using System.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

public class DecisiveKeysTests
{
    public static TheoryData<string, string, bool> Keys => new()
    {
        { "a Tarnfui annotation", WellKnown.Annotations.Uptime, true },
        { "Tarnfui's stop record", WellKnown.Annotations.OriginalReplicas, true },
        { "Tarnfui's stopped label", WellKnown.Labels.Stopped, true },
        { "a kube-downscaler annotation", WellKnown.KubeDownscaler.Uptime, true },
        { "kubectl's last applied configuration", "kubectl.kubernetes.io/last-applied-configuration", false },
        { "another tool's key", "team", false },
        { "the prefix without its slash", "tarnfui.io", false },
        { "the prefix in another case", "Tarnfui.io/uptime", false },
        { "the prefix inside the key", "example.com/tarnfui.io/uptime", false },
        { "empty", "", false },
    };

    [Theory, MemberData(nameof(Keys))]
    public void A_key_decides_when_it_has_Tarnfuis_or_kube_downscalers_prefix_as_text_and_as_UTF_8(string because, string key, bool decisive)
    {
        DecisiveKeys.Is(key).ShouldBe(decisive, because);
        DecisiveKeys.Is(Encoding.UTF8.GetBytes(key)).ShouldBe(decisive, because);
    }
}
