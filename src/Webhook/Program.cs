using Tarnfui.Core.Configuration;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;
using Tarnfui.Webhook;
using Tarnfui.Webhook.Kube;

if (ConfigurationHelp.IsRequested(args))
{
    ConfigurationHelp.Write(Console.Out, "tarnfui-webhook", "the mutating admission webhook that holds off-hours between sweeps", [], OptionsSection.Of<WebhookOptions>(WebhookOptions.Section), OptionsSection.Of<ScheduleOptions>(ScheduleOptions.Section),
        OptionsSection.Of<ScopeOptions>(ScopeOptions.Section), OptionsSection.Of<PolicyOptions>(PolicyOptions.Section));
    return 0;
}

// The machine's trust store, which the first TLS handshakes need, is read while the host is built.
Tarnfui.Webhook.Tls.TrustStoreWarmUp.Start();

// Before the first request: KubernetesClient reads the webhook's models through metadata generated for them alone,
// which is all the native build keeps. Always in the native program; in a JIT process only when it is the webhook's own:
// a test host that runs this entry point in its process (WebApplicationFactory) keeps KubernetesClient's resolver for
// everything else it does.
if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported || System.Reflection.Assembly.GetEntryAssembly() == typeof(WebhookApp).Assembly)
{
    WebhookKubeJsonContext.UseForKubernetesClient();
}

// The composition lives in WebhookApp so that the Sandbox hosts exactly the same webhook in-process.
var app = WebhookApp.Build(WebhookApp.CreateBuilder(args));
await app.RunAsync();
return 0;
