using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Probes;
using Tarnfui.Webhook.Tests.Support;
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
            NullLogger<CertificateStore>.Instance);
        var namespaces = new NamespaceCache();

        var before = ProbeEndpoints.Ready(store, namespaces);
        before.StatusCode.ShouldBe(503);
        before.ResponseContent.ShouldBe("no serving certificate loaded; namespace cache not synced");

        store.Reload().ShouldBeFalse("the files do not exist yet");
        _certificates.WriteServing("webhook");
        store.Reload().ShouldBeTrue();
        ProbeEndpoints.Ready(store, namespaces).ResponseContent.ShouldBe("namespace cache not synced");

        namespaces.Replace([]);
        var after = ProbeEndpoints.Ready(store, namespaces);
        after.StatusCode.ShouldBeNull();
        after.ResponseContent.ShouldBe("ok");
    }

    [Fact]
    public void Unchanged_files_are_not_loaded_again()
    {
        _certificates.WriteServing("webhook");
        using var store = new CertificateStore(
            Options.Create(new WebhookOptions { CertificatePath = _certificates.CertificatePath, KeyPath = _certificates.KeyPath }),
            NullLogger<CertificateStore>.Instance);

        store.Reload().ShouldBeTrue();
        store.Reload().ShouldBeFalse();
        store.Current!.Subject.ShouldBe("CN=webhook");
    }

    public void Dispose() => _certificates.Dispose();
}
