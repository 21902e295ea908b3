using Microsoft.Extensions.DependencyInjection.Extensions;
using Tarnfui.Core.Configuration;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;
using Tarnfui.Kube;
using Tarnfui.Webhook;
using Tarnfui.Webhook.Kube;
using Tarnfui.Webhook.Tls;

if (ConfigurationHelp.IsRequested(args))
{
    ConfigurationHelp.Write(Console.Out, "tarnfui-webhook", "the mutating admission webhook that holds off-hours between sweeps", [], OptionsSection.Of<WebhookOptions>(WebhookOptions.Section), OptionsSection.Of<ScheduleOptions>(ScheduleOptions.Section),
        OptionsSection.Of<ScopeOptions>(ScopeOptions.Section), OptionsSection.Of<PolicyOptions>(PolicyOptions.Section));
    return 0;
}

// Always in the native program; in a JIT process only when it is the webhook's own: a test host that runs this entry
// point in its process (WebApplicationFactory) keeps its process as it is.
var ownProcess = !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported || System.Reflection.Assembly.GetEntryAssembly() == typeof(WebhookApp).Assembly;

// Before the first request: KubernetesClient reads the webhook's models through metadata generated for them alone,
// which is all the native build keeps.
if (ownProcess)
{
    WebhookKubeJsonContext.UseForKubernetesClient();
}

// The client configuration first, before any thread of the program runs or any certificate chain is built: whether the
// process needs the machine's trust store at all depends on it alone (Tarnfui.Kube's MachineTrustStore): every other
// certificate the webhook checks is checked against a CA it is given (Tls/ClientCaStore).
var kubernetes = ownProcess ? ClientConfiguration.TryLoad() : null;
var namedStore = MachineTrustStore.Named(Environment.GetEnvironmentVariable);
var storeSetAside = kubernetes is not null && MachineTrustStore.IsUnused(kubernetes) && MachineTrustStore.SetAside();
if (!storeSetAside)
{
    // The machine's trust store, which the first TLS handshakes need, is read while the host is built.
    TrustStoreWarmUp.Start();
}

// The composition lives in WebhookApp so that the Sandbox hosts exactly the same webhook in-process.
var builder = WebhookApp.CreateBuilder(args);
if (kubernetes is not null)
{
    // Read once: the API client is built from the configuration the trust store was decided on.
    builder.Services.Replace(ServiceDescriptor.Singleton(kubernetes));
}

var app = WebhookApp.Build(builder);
if (storeSetAside)
{
    var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MachineTrustStore).FullName!);
    Log.MachineTrustStoreSetAside(logger, MachineTrustStore.Empty, namedStore);
}

await app.RunAsync();
return 0;
