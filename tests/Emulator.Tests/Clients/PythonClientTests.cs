using System.Diagnostics;
using System.Text.RegularExpressions;
using Tarnfui.Emulator.Tests.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Clients;

/// <summary>
/// A second client implementation against the emulator: the official Python client (Debian's python3-kubernetes)
/// runs the smoke suite in tests/python, one xunit case per Python case so that a failure names the behaviour. A
/// failure there is an emulator bug or a difference written down in docs/emulator.md ("Clients").
/// </summary>
[Collection("Sandbox")]
public sealed partial class PythonClientTests(SandboxFixture fixture)
{
    // Debian's interpreter: the python3 on PATH may be another one (a pyenv shim) without Debian's modules.
    private const string Python = "/usr/bin/python3";
    private const string Suite = "test_emulator_client";
    private const string Case = "EmulatorClientTests";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private static readonly string[] CaseNames =
    [
        "test_list_with_paging_sees_every_item_once",
        "test_watch_streams_added_modified_deleted_from_a_resource_version",
        "test_filtered_watch_sends_deleted_on_leaving_the_selection_and_added_on_entering_it",
        "test_json_patch_is_sent_for_a_list_body",
        "test_strategic_merge_patch_is_sent_for_a_dict_body_and_merges_containers_by_name",
        "test_merge_patch_through_call_api_replaces_the_container_list",
        "test_scale_is_read_and_patched_through_the_subresource",
        "test_metadata_only_list_has_metadata_and_no_spec",
        "test_replace_with_a_stale_resource_version_is_a_409_conflict",
        "test_missing_object_is_a_404_api_exception_with_a_status_body",
    ];

    public static TheoryData<string> Cases => new(CaseNames);

    private static string SuiteFolder => RepositoryRoot.PathOf("tests", "python");

    [Theory, MemberData(nameof(Cases))]
    public async Task Python_client_case_passes_against_the_emulator(string name)
    {
        var (exitCode, output) = await RunPythonAsync("-m", "unittest", "-v", $"{Suite}.{Case}.{name}");

        exitCode.ShouldBe(0, $"{name} failed (a missing kubernetes module: run scripts/install-prerequisites.sh):\n{output}");
        output.ShouldMatch($@"(?m)^{name} \(.*\) \.\.\. ok$", "the case ran and passed");
    }

    [Fact]
    public void Every_case_of_the_python_suite_is_a_case_here()
    {
        var source = File.ReadAllText(Path.Combine(SuiteFolder, Suite + ".py"));

        var defined = TestMethod().Matches(source).Select(m => m.Groups["name"].Value);

        defined.ShouldBe(CaseNames, ignoreOrder: true);
    }

    private async Task<(int ExitCode, string Output)> RunPythonAsync(params string[] arguments)
    {
        File.Exists(Python).ShouldBeTrue($"{Python} is missing: run scripts/install-prerequisites.sh");
        var start = new ProcessStartInfo(Python) { WorkingDirectory = SuiteFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = fixture.WriteKubeconfig();
        // No __pycache__ left in the repository.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(Bound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Python} {string.Join(' ', arguments)} did not finish within {Bound}: {await output}{await error}");
        }

        // unittest reports on stderr.
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex(@"^    def (?<name>test_\w+)\(self\):", RegexOptions.Multiline)]
    private static partial Regex TestMethod();
}
