using System.Text.RegularExpressions;
using System.Xml.Linq;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>
/// No image can be built on these machines; these checks keep the Dockerfile in step with the projects and the
/// manifests, which is how it would break first.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repository.PathOf("Dockerfile"));

    [Fact]
    public void The_build_stage_copies_every_project_the_programs_depend_on()
    {
        var copied = CopySources().ToHashSet();
        foreach (var project in ProjectClosure(["src/Webhook/Tarnfui.Webhook.csproj", "src/Sweeper/Tarnfui.Sweeper.csproj"]))
        {
            copied.ShouldContain(project, $"the restore layer needs {project}");
            copied.ShouldContain(Path.GetDirectoryName(project)!.Replace('\\', '/') + "/", $"the build needs the sources of {project}");
        }

        foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "scripts/publish.sh" })
        {
            File.Exists(Repository.PathOf(file)).ShouldBeTrue();
            copied.ShouldContain(file);
        }
    }

    [Fact]
    public void The_image_is_published_by_the_script_the_tests_run_and_runs_unprivileged_without_a_shell()
    {
        Dockerfile.ShouldContain("RUN scripts/publish.sh /app");
        FromPattern().Matches(Dockerfile).Select(m => m.Groups["image"].Value)
            .ShouldBe(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled"]);
        Dockerfile.ShouldContain("COPY --from=build --chown=0:0 /app /app");
        Dockerfile.ShouldContain("USER 64198:64198");
        // Exec form only: the chiseled image has no /bin/sh to run a shell-form instruction.
        Dockerfile.Split('\n').Where(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal) || l.StartsWith("CMD", StringComparison.Ordinal))
            .ShouldAllBe(l => l.Contains('['));
    }

    [Fact]
    public async Task The_image_starts_the_native_webhook_as_the_manifest_does_and_both_programs_are_restored_for_native_compilation()
    {
        var webhook = (await RenderedManifests.RenderAsync(Repository.PathOf("manifests", "base"))).Container("tarnfui-webhook");

        // No `dotnet` in the runtime image: the entry point is the native program itself, the one the manifest names.
        EntrypointPattern().Match(Dockerfile).Groups["program"].Value.ShouldBe(webhook.Command.Single());
        Dockerfile.ShouldNotContain("CMD");
        foreach (var project in new[] { "src/Webhook/Tarnfui.Webhook.csproj", "src/Sweeper/Tarnfui.Sweeper.csproj" })
        {
            Dockerfile.ShouldContain($"dotnet restore {project} --use-current-runtime -p:PublishAot=true", Case.Sensitive, $"{project} is published native with --no-restore");
        }
    }

    [Fact]
    public void The_docker_context_leaves_out_build_outputs_and_generated_keys_but_not_what_is_copied()
    {
        var ignored = File.ReadAllLines(Repository.PathOf(".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        ignored.ShouldContain("**/bin/");
        ignored.ShouldContain("**/obj/");
        ignored.ShouldContain("manifests/overlays/self-signed/generated/");
        foreach (var source in CopySources())
        {
            ignored.ShouldNotContain(i => source.StartsWith(i.TrimEnd('/'), StringComparison.Ordinal), $"{source} is copied by the Dockerfile");
        }
    }

    private static IEnumerable<string> CopySources() =>
        CopyPattern().Matches(Dockerfile).SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static HashSet<string> ProjectClosure(IEnumerable<string> roots)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var project))
        {
            if (!seen.Add(project))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(project)!;
            foreach (var reference in XDocument.Load(Repository.PathOf(project)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(Repository.Root, directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^FROM (?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromPattern();

    [GeneratedRegex(@"^ENTRYPOINT \[""(?<program>[^""]+)""\]$", RegexOptions.Multiline)]
    private static partial Regex EntrypointPattern();

    // COPY lines of the build context (not --from=stage): every word but the last is a source.
    [GeneratedRegex(@"^COPY (?!--from)(?<sources>(?:\S+ )+)\S+$", RegexOptions.Multiline)]
    private static partial Regex CopyPattern();
}
