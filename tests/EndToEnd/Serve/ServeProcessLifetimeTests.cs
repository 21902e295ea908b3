using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Tarnfui.EndToEnd.Serve;

/// <summary><c>sandbox serve</c> as a bare process: it prints <c>ready</c>, answers a client and ends cleanly on SIGTERM.</summary>
public sealed class ServeProcessLifetimeTests
{
    [Fact]
    public async Task Serve_prints_ready_serves_kubectl_and_exits_cleanly_on_sigterm()
    {
        var directory = Directory.CreateTempSubdirectory("tarnfui-serve-").FullName;
        var kubeconfig = Path.Combine(directory, "kubeconfig");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[typeof(Tarnfui.Sandbox.Serve.ServeCommand).Assembly.Location, "serve", "--kubeconfig", kubeconfig, "--at", "2026-11-27T18:55:00Z", "--speed", "0"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            ready.ShouldNotBeNull();
            ready.ShouldStartWith("ready https://127.0.0.1:");

            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            var created = await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "evening" } });
            created.Metadata.CreationTimestamp.ShouldBe(new DateTime(2026, 11, 27, 18, 55, 0, DateTimeKind.Utc));

            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            process.ExitCode.ShouldBe(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
