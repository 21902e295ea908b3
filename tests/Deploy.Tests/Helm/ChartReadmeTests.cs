using Tarnfui.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary>The chart's README is generated from the values' comments, and every value has one.</summary>
public sealed class ChartReadmeTests
{
    [Fact]
    public async Task The_committed_readme_is_what_the_generator_writes_from_values_yaml()
    {
        var generated = await ProcessRunner.RunAsync("python3", [Repository.PathOf("scripts", "chart-readme.py"), "--stdout"], TimeSpan.FromSeconds(60));

        generated.ExitCode.ShouldBe(0, generated.Describe("scripts/chart-readme.py --stdout"));
        File.ReadAllText(Path.Combine(HelmChart.Folder, "README.md")).ShouldBe(generated.StandardOutput,
            "charts/tarnfui/README.md is out of date: run scripts/chart-readme.py");
    }

    [Fact]
    public void Every_value_is_documented_in_the_readme_itself_or_through_the_map_that_holds_it()
    {
        var readme = File.ReadAllText(Path.Combine(HelmChart.Folder, "README.md"));
        var documented = readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('`')[1]).ToHashSet();

        var undocumented = LeafPaths(Values(), string.Empty)
            .Where(path => !Ancestors(path).Any(documented.Contains))
            .ToList();

        documented.Count.ShouldBeGreaterThan(0, readme);
        undocumented.ShouldBeEmpty("values without a `# --` comment in values.yaml");
    }

    [Fact]
    public void The_charts_dashboard_is_the_one_of_the_kustomize_monitoring()
    {
        File.ReadAllText(Path.Combine(HelmChart.Folder, "dashboards", "tarnfui.json"))
            .ShouldBe(File.ReadAllText(Repository.PathOf("manifests", "monitoring", "dashboards", "tarnfui.json")),
                "copy manifests/monitoring/dashboards/tarnfui.json to charts/tarnfui/dashboards/ (helm reads no file outside the chart)");
    }

    private static YamlMappingNode Values()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(HelmChart.Folder, "values.yaml"))));
        return (YamlMappingNode)stream.Documents.ShouldHaveSingleItem().RootNode;
    }

    // A non-empty map is documented through its keys; anything else (a scalar, a list, an empty map) is one value.
    private static IEnumerable<string> LeafPaths(YamlNode node, string path) =>
        node is YamlMappingNode { Children.Count: > 0 } map
            ? map.Children.SelectMany(child => LeafPaths(child.Value, path.Length == 0 ? ((YamlScalarNode)child.Key).Value! : $"{path}.{((YamlScalarNode)child.Key).Value}"))
            : [path];

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var end = path.Length; end > 0; end = path.LastIndexOf('.', end - 1))
        {
            yield return path[..end];
        }
    }
}
