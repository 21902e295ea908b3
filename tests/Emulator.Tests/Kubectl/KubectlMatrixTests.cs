using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Kubectl;

public sealed class KubectlMatrixTests
{
    [Theory, MemberData(nameof(KubectlVersions.Each), MemberType = typeof(KubectlVersions))]
    public void Every_kubectl_of_the_matrix_is_in_the_cache_and_is_the_version_it_claims(string version)
    {
        var path = KubectlVersions.PathOf(version);

        path.ShouldEndWith($"/.cache/clients/v{version}/kubectl");
    }

    [Fact]
    public void A_version_outside_the_matrix_is_refused_with_the_versions_it_has()
    {
        var refusal = Should.Throw<ArgumentException>(() => KubectlVersions.PathOf("1.27"));

        refusal.Message.ShouldStartWith("kubectl 1.27 is not in the matrix (1.28, 1.30, 1.32, 1.35)");
    }
}
