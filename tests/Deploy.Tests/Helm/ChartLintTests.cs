using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary><c>helm lint --strict</c> of the chart, with each helm and in each certificate mode.</summary>
[Collection(ManifestsGroup.Name)]
public sealed class ChartLintTests(ManifestsFixture manifests)
{
    public static TheoryData<string, string> Cases
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var helm in HelmVersions.All)
            {
                foreach (var mode in ManifestsFixture.ChartModes)
                {
                    data.Add(helm, mode);
                }
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task The_chart_lints_clean_in_strict_mode(string helm, string mode)
    {
        var lint = await HelmVersions.RunAsync(helm, ["lint", "--strict", HelmChart.Folder, .. manifests.ChartOptions(mode)]);

        lint.ExitCode.ShouldBe(0, lint.Describe($"helm {helm} lint --strict ({mode})"));
        lint.StandardOutput.ShouldContain("1 chart(s) linted, 0 chart(s) failed", Case.Sensitive, lint.StandardOutput);
        // Strict lint fails on warnings; an [INFO] (no icon) is all that may be left.
        lint.StandardOutput.ShouldNotContain("[WARNING]", Case.Sensitive, lint.StandardOutput);
        lint.StandardOutput.ShouldNotContain("[ERROR]", Case.Sensitive, lint.StandardOutput);
    }
}
