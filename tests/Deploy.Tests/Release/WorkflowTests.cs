using Tarnfui.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Tarnfui.Deploy.Tests.Release;

/// <summary>
/// The GitHub workflows cannot run here; what they run is checked against what the documentation tells a person to
/// run: CI the README's test command, the release CONTRIBUTING.md's "Releasing" commands, to the registry the README's
/// quick start installs from.
/// </summary>
public sealed class WorkflowTests
{
    [Fact]
    public void Ci_runs_the_readmes_test_command_on_pushes_and_pull_requests()
    {
        var workflow = Workflow("ci.yml");
        var on = (YamlMappingNode)workflow["on"];
        on.Children.Keys.Select(k => k.ToString()).ShouldBe(["push", "pull_request"], ignoreOrder: true);

        var commands = RunCommands(workflow).ToList();

        commands.ShouldBe(CodeBlockAfter(File.ReadAllText(Repository.PathOf("README.md")), "## Test"));
    }

    [Fact]
    public void The_release_runs_on_a_version_tag_the_commands_contributing_gives()
    {
        var workflow = Workflow("release.yml");
        var tags = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)workflow["on"])["push"])["tags"];
        tags.Children.Select(t => t.ToString()).ShouldBe(["v*"]);
        var releasing = CodeBlockAfter(File.ReadAllText(Repository.PathOf("CONTRIBUTING.md")), "## Releasing");

        // The workflow's own plumbing (the version from the tag, the registry login) is not a release command.
        var commands = RunCommands(workflow).Where(c => !c.StartsWith("echo ", StringComparison.Ordinal)).ToList();

        commands.ShouldBe(releasing);
        commands.ShouldContain(c => c.Contains("--platform linux/amd64,linux/arm64", StringComparison.Ordinal), "the image is multi-arch");
    }

    [Fact]
    public void The_release_makes_an_sbom_and_scans_the_image_before_the_chart_is_pushed()
    {
        var steps = Steps(Workflow("release.yml")).ToList();
        var names = steps.Select(s => s.Children.TryGetValue(new YamlScalarNode("name"), out var name) ? name.ToString() : string.Empty).ToList();

        var sbom = names.IndexOf("SBOM");
        var scan = names.IndexOf("Vulnerability scan");
        var chart = names.IndexOf("Chart");
        sbom.ShouldBeGreaterThan(names.IndexOf("Image"));
        scan.ShouldBeGreaterThan(sbom);
        chart.ShouldBeGreaterThan(scan, "a scan that fails stops the release before the chart points at the image");
        ((YamlMappingNode)steps[scan]["with"])["exit-code"].ToString().ShouldBe("1");
    }

    [Fact]
    public void The_chart_is_pushed_where_the_quick_start_installs_it_from()
    {
        var release = Workflow("release.yml");
        var environment = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)release["jobs"])["release"])["env"];
        var charts = environment["CHARTS"].ToString().Replace("${{ github.repository_owner }}", "tarnfui", StringComparison.Ordinal);
        var image = environment["IMAGE"].ToString().Replace("${{ github.repository_owner }}", "tarnfui", StringComparison.Ordinal);

        File.ReadAllText(Repository.PathOf("README.md")).ShouldContain($"helm install tarnfui {charts}/tarnfui");
        File.ReadAllText(Path.Combine(HelmChart.Folder, "values.yaml")).ShouldContain($"repository: {image}\n");
    }

    private static YamlMappingNode Workflow(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Repository.PathOf(".github", "workflows", file))));
        return (YamlMappingNode)stream.Documents.ShouldHaveSingleItem().RootNode;
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>());

    // Every line of every `run:` step, in order.
    private static IEnumerable<string> RunCommands(YamlMappingNode workflow) =>
        Steps(workflow)
            .Where(step => step.Children.ContainsKey(new YamlScalarNode("run")))
            .SelectMany(step => step["run"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    // The command lines of the first ```sh block under a heading, without comments.
    private static List<string> CodeBlockAfter(string markdown, string heading)
    {
        var section = markdown[(markdown.IndexOf(heading + "\n", StringComparison.Ordinal) + heading.Length)..];
        var start = section.IndexOf("```sh\n", StringComparison.Ordinal) + "```sh\n".Length;
        var block = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        return [.. block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0)];
    }
}
