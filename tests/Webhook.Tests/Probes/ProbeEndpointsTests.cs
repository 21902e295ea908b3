using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tarnfui.Testing;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Probes;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook.Tests.Probes;

public sealed class ProbeEndpointsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact]
    public void Not_ready_until_a_certificate_is_loaded_and_the_namespace_cache_has_listed()
    {
        using var store = new CertificateStore(
            Options.Create(new WebhookOptions { CertificatePath = _certificates.CertificatePath, KeyPath = _certificates.KeyPath }),
            new Metrics(),
            NullLogger<CertificateStore>.Instance);
        var namespaces = new NamespaceCache();
        var clientCas = new ClientCaStore(Options.Create(new WebhookOptions()), new Metrics(), NullLogger<ClientCaStore>.Instance);

        var before = ProbeEndpoints.Ready(store, clientCas, namespaces);
        before.StatusCode.ShouldBe(503);
        before.ResponseContent.ShouldBe("no serving certificate loaded; namespace cache not synced");

        store.Reload().ShouldBeFalse("the files do not exist yet");
        _certificates.WriteServing("webhook");
        store.Reload().ShouldBeTrue();
        ProbeEndpoints.Ready(store, clientCas, namespaces).ResponseContent.ShouldBe("namespace cache not synced");

        namespaces.Replace([]);
        var after = ProbeEndpoints.Ready(store, clientCas, namespaces);
        after.StatusCode.ShouldBeNull();
        after.ResponseContent.ShouldBe("ok");
    }

    [Fact]
    public void Not_ready_while_client_certificates_are_asked_for_and_no_client_CA_is_loaded()
    {
        _certificates.WriteServing("webhook");
        var options = Options.Create(new WebhookOptions { CertificatePath = _certificates.CertificatePath, KeyPath = _certificates.KeyPath, ClientCaFile = _certificates.CaPath });
        using var store = new CertificateStore(options, new Metrics(), NullLogger<CertificateStore>.Instance);
        var clientCas = new ClientCaStore(options, new Metrics(), NullLogger<ClientCaStore>.Instance);
        var namespaces = new NamespaceCache();
        namespaces.Replace([]);
        store.Reload().ShouldBeTrue();

        clientCas.Reload().ShouldBeFalse("the bundle does not exist yet");
        ProbeEndpoints.Ready(store, clientCas, namespaces).ResponseContent.ShouldBe("no client CA loaded");

        _certificates.WriteCa();
        clientCas.Reload().ShouldBeTrue();
        clientCas.Reload().ShouldBeFalse("unchanged");
        ProbeEndpoints.Ready(store, clientCas, namespaces).ResponseContent.ShouldBe("ok");
    }

    [Fact]
    public void Unchanged_files_are_not_loaded_again()
    {
        _certificates.WriteServing("webhook");
        using var store = new CertificateStore(
            Options.Create(new WebhookOptions { CertificatePath = _certificates.CertificatePath, KeyPath = _certificates.KeyPath }),
            new Metrics(),
            NullLogger<CertificateStore>.Instance);

        store.Reload().ShouldBeTrue();
        store.Reload().ShouldBeFalse();
        store.Current!.Subject.ShouldBe("CN=webhook");
    }

    public void Dispose() => _certificates.Dispose();
}
