using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Webhook;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Sandbox.InProcess;

/// <summary>
/// The real webhook (<see cref="WebhookApp"/>) running inside the sandbox process: the sandbox's simulated clock,
/// the webhook's own service account against the sandbox API, a serving certificate from the sandbox CA written
/// as PEM files, and the shipped MutatingWebhookConfiguration registered with a loopback URL and that CA.
/// </summary>
public sealed class HostedWebhook : IAsyncDisposable
{
    /// <summary>The manifest file embedded in this assembly: the registration tested is the registration shipped.</summary>
    public const string ConfigurationResource = "mutatingwebhookconfiguration.yaml";

    private readonly WebApplication _app;
    private readonly string _folder;

    private HostedWebhook(WebApplication app, string folder, Uri mutateUrl, Uri probeUrl)
    {
        _app = app;
        _folder = folder;
        MutateUrl = mutateUrl;
        ProbeUrl = probeUrl;
    }

    /// <summary><c>https://127.0.0.1:port/mutate</c>, as registered.</summary>
    public Uri MutateUrl { get; }

    /// <summary><c>http://127.0.0.1:port</c>: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>.</summary>
    public Uri ProbeUrl { get; }

    /// <summary>The webhook's services (its namespace cache, certificate store, options).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the webhook and registers it with <paramref name="sandbox"/>.</summary>
    /// <param name="sandbox">The running sandbox.</param>
    /// <param name="configuration">Extra configuration (<c>Webhook:Mode</c>, <c>Schedule:Uptime</c>, …) as command-line pairs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<HostedWebhook> StartAsync(EmulatorServer sandbox, IReadOnlyDictionary<string, string>? configuration = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var folder = Directory.CreateTempSubdirectory("tarnfui-hosted-webhook-").FullName;
        var (certificatePath, keyPath) = WriteServingCertificate(sandbox.CertificateAuthority, folder);

        string[] args =
        [
            "--Webhook:ListenAddress=127.0.0.1", "--Webhook:HttpsPort=0", "--Webhook:HttpPort=0",
            $"--Webhook:CertificatePath={certificatePath}", $"--Webhook:KeyPath={keyPath}",
            // The sandbox's stdout is for its own output (serve's "ready" line, the demo's timeline).
            "--Logging:Console:LogToStandardErrorThreshold=Trace",
            .. (configuration ?? new Dictionary<string, string>()).Select(c => $"--{c.Key}={c.Value}"),
        ];
        var builder = WebhookApp.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IClock>(sandbox.Clock);
        builder.Services.AddSingleton(sandbox.ClientConfiguration(EmulatorUsers.Webhook));
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, EmulatorOwnedLifetime>());
        var app = WebhookApp.Build(builder);
        await app.StartAsync(cancellationToken);
        var (https, http) = WebhookApp.Addresses(app);
        var hosted = new HostedWebhook(app, folder, new Uri(https, "/mutate"), http);
        await hosted.RegisterAsync(sandbox, cancellationToken);
        return hosted;
    }

    /// <summary>
    /// Waits until the webhook would answer <c>/readyz</c> with 200 (certificate loaded, namespace cache listed once):
    /// before that, a namespace's opt-out is not known yet.
    /// </summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var namespaces = Services.GetRequiredService<NamespaceCache>();
        var certificates = Services.GetRequiredService<CertificateStore>();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (!namespaces.HasSynced || certificates.Current is null)
            {
                await poll.WaitForNextTickAsync(bound.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the hosted webhook was not ready within {timeout.TotalSeconds:F0} s (namespace cache synced: {namespaces.HasSynced}, certificate loaded: {certificates.Current is not null})");
        }
    }

    /// <summary>The shipped MutatingWebhookConfiguration, pointed at <paramref name="url"/> and trusting <paramref name="caBundlePem"/>.</summary>
    public static V1MutatingWebhookConfiguration Registration(Uri url, byte[] caBundlePem)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var stream = typeof(HostedWebhook).Assembly.GetManifestResourceStream(ConfigurationResource)
            ?? throw new InvalidOperationException($"resource {ConfigurationResource} is not embedded in {typeof(HostedWebhook).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var configuration = KubernetesYaml.Deserialize<V1MutatingWebhookConfiguration>(reader.ReadToEnd());
        foreach (var webhook in configuration.Webhooks)
        {
            // In the cluster the API server reaches the Service; here the webhook listens on loopback.
            webhook.ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = url.ToString(), CaBundle = caBundlePem };
        }

        return configuration;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file watcher may hold the folder a moment longer; it lives in the temp folder anyway.
        }
    }

    private async Task RegisterAsync(EmulatorServer sandbox, CancellationToken cancellationToken)
    {
        var registration = Registration(MutateUrl, Encoding.ASCII.GetBytes(sandbox.CertificateAuthority.CertificatePem));
        using var client = sandbox.CreateClient();
        try
        {
            await client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(registration, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            var existing = await client.AdmissionregistrationV1.ReadMutatingWebhookConfigurationAsync(registration.Metadata.Name, cancellationToken: cancellationToken);
            registration.Metadata.ResourceVersion = existing.Metadata.ResourceVersion;
            await client.AdmissionregistrationV1.ReplaceMutatingWebhookConfigurationAsync(registration, registration.Metadata.Name, cancellationToken: cancellationToken);
        }
    }

    private static (string CertificatePath, string KeyPath) WriteServingCertificate(CertificateAuthority authority, string folder)
    {
        using var certificate = authority.IssueServerCertificate("127.0.0.1", "localhost");
        var certificatePath = Path.Combine(folder, "tls.crt");
        var keyPath = Path.Combine(folder, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("the sandbox CA issued a certificate without a private key");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
