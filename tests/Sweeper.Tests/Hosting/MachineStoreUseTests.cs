using k8s;
using Microsoft.Extensions.Configuration;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Hosting;

/// <summary>
/// The sweeper sets the machine's trust store aside only when neither the API client nor a notification receiver can
/// need it: the client has a CA (or checks nothing) and no notification target is configured, since a receiver has no
/// CA setting and even an http one may redirect to https. <c>NativeSweeperTests</c> shows the log line and a sweep
/// through TLS without the store.
/// </summary>
public sealed class MachineStoreUseTests : IDisposable
{
    private readonly TestCertificates _cluster = new("cluster CA");

    public void Dispose() => _cluster.Dispose();

    [Theory]
    [InlineData(true, false, null, true)]
    [InlineData(false, true, null, true)]
    [InlineData(false, false, null, false)]
    [InlineData(true, false, "https://hooks.example.com/services/x", false)]
    [InlineData(true, false, "http://receiver.tarnfui.svc:8080/events", false)]
    [InlineData(false, true, "http://receiver.tarnfui.svc:8080/events", false)]
    [InlineData(false, false, "https://hooks.example.com/services/x", false)]
    public void The_store_is_unused_when_the_client_has_a_CA_or_checks_nothing_and_no_receiver_is_configured(bool hasCa, bool skipTlsVerify, string? receiver, bool unused)
    {
        var kubernetes = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SslCaCerts = hasCa ? [_cluster.Ca] : null, SkipTlsVerify = skipTlsVerify };
        var settings = new Dictionary<string, string?>();
        if (receiver is not null)
        {
            settings["Notifications:Targets:0:Name"] = "team";
            settings["Notifications:Targets:0:Url"] = receiver;
        }

        MachineStoreUse.IsUnused(kubernetes, new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).ShouldBe(unused);
    }

    [Fact]
    public void A_receiver_whose_URL_is_in_a_file_keeps_the_store()
    {
        var kubernetes = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SslCaCerts = [_cluster.Ca] };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:Targets:0:Name"] = "slack",
            ["Notifications:Targets:0:UrlFile"] = "/etc/tarnfui/slack-url",
        }).Build();

        MachineStoreUse.IsUnused(kubernetes, configuration).ShouldBeFalse();
    }

    [Fact]
    public void Other_notification_settings_without_a_target_leave_it_unused()
    {
        var kubernetes = new KubernetesClientConfiguration { Host = "https://127.0.0.1:6443", SslCaCerts = [_cluster.Ca] };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:MaxAttempts"] = "3",
        }).Build();

        MachineStoreUse.IsUnused(kubernetes, configuration).ShouldBeTrue();
    }
}
