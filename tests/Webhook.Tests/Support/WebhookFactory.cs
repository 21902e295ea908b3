using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Tarnfui.Testing;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>The webhook's own Program in memory (TestServer), with a fake clock and parent reader.</summary>
public sealed class WebhookFactory : WebApplicationFactory<WebhookOptions>
{
    private readonly TestCertificates _certificates = new();

    public WebhookFactory() => _certificates.WriteServing("tarnfui-webhook.tarnfui.svc");

    public FakeClock Clock { get; } = new(Policies.OffHours);

    internal FakeParents Parents { get; } = new();

    /// <summary>A client for <c>/mutate</c> (the HTTPS side: TestServer marks requests to https:// as secure).</summary>
    public HttpClient Admission() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

    /// <summary>A client for the probes and metrics (plain HTTP).</summary>
    public HttpClient Probes() => CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:CertificatePath"] = _certificates.CertificatePath,
            ["Webhook:KeyPath"] = _certificates.KeyPath,
            ["Webhook:WatchNamespaces"] = "false",
            ["Schedule:Uptime"] = Policies.Uptime,
            ["Schedule:TimeZone"] = Policies.Zone,
        }));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<IParentWorkloadReader>(Parents);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _certificates.Dispose();
        }
    }
}
