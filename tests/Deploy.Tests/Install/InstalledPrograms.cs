using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Publishing;

namespace Tarnfui.Deploy.Tests.Install;

/// <summary>
/// The webhook and the sweeper an installation put in the cluster, run as the published programs in processes of
/// their own, configured from what was installed (the ConfigMap, the Deployments' env, the Secret as a mounted volume)
/// as a kubelet would start them, with the emulator's kubeconfig for the in-cluster account and the webhook
/// listening where <c>sandbox serve --service</c> routes its Service.
/// </summary>
internal sealed class InstalledPrograms : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private InstalledPrograms(RunningProgram webhook, RunningProgram sweeper)
    {
        Webhook = webhook;
        Sweeper = sweeper;
    }

    public RunningProgram Webhook { get; }

    public RunningProgram Sweeper { get; }

    /// <summary>
    /// Starts both programs; <paramref name="environment"/> changes their environment after it was read from the
    /// cluster (e.g. a schedule for the night). <paramref name="volumes"/> is where Secret volumes are written.
    /// </summary>
    public static async Task<InstalledPrograms> StartAsync(
        PublishedPrograms published, SandboxServe serve, int webhookPort, string volumes, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(serve.Kubeconfig));
        var (webhookContainer, webhookEnvironment) = await PodEnvironment.ReadAsync(client, WellKnown.Objects.Namespace, "tarnfui-webhook", "tarnfui-webhook-0", Path.Combine(volumes, "webhook"));
        var (sweeperContainer, sweeperEnvironment) = await PodEnvironment.ReadAsync(client, WellKnown.Objects.Namespace, "tarnfui-sweeper", "tarnfui-sweeper-0", Path.Combine(volumes, "sweeper"));
        foreach (var variables in new[] { webhookEnvironment, sweeperEnvironment })
        {
            variables["KUBECONFIG"] = serve.Kubeconfig;
            foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            {
                variables[key] = value;
            }
        }

        // The Service's endpoint: the port serve routes tarnfui/tarnfui-webhook to; probes on any free port.
        webhookEnvironment["TARNFUI_Webhook__ListenAddress"] = "127.0.0.1";
        webhookEnvironment["TARNFUI_Webhook__HttpsPort"] = webhookPort.ToString(CultureInfo.InvariantCulture);
        webhookEnvironment["TARNFUI_Webhook__HttpPort"] = "0";
        sweeperEnvironment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var webhook = await RunningProgram.StartAsync(published.CommandOf(webhookContainer), webhookEnvironment, expectedAddresses: 2, Bound);
        try
        {
            var sweeper = await RunningProgram.StartAsync(published.CommandOf(sweeperContainer), sweeperEnvironment, expectedAddresses: 1, Bound);
            return new InstalledPrograms(webhook, sweeper);
        }
        catch
        {
            await webhook.DisposeAsync();
            throw;
        }
    }

    /// <summary>A free loopback port: the webhook must listen where serve routes the Service, and serve must know it first.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Sweeper.DisposeAsync();
        await Webhook.DisposeAsync();
    }
}
