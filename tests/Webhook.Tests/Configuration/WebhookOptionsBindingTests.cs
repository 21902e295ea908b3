using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tarnfui.Testing;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Configuration;

/// <summary>The webhook's durations as it binds them at start: Go's syntax, or the older <c>hh:mm:ss</c>.</summary>
public sealed class WebhookOptionsBindingTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public WebhookOptionsBindingTests() => _certificates.WriteServing("binding.tarnfui.test");

    public void Dispose() => _certificates.Dispose();

    [Theory]
    [InlineData("1m30s", 90)]
    [InlineData("250ms", 0.25)]
    [InlineData("00:00:02", 2)]
    public async Task Durations_bind_as_written(string text, double seconds)
    {
        await using var webhook = await RealWebhook.StartAsync(_certificates, $"--Webhook:ParentReadTimeout={text}");

        webhook.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.ParentReadTimeout.TotalSeconds.ShouldBe(seconds);
    }

    [Theory]
    [InlineData("ParentReadTimeout", "2", "Webhook:ParentReadTimeout: \"2\" is not a duration: each number needs a unit")]
    [InlineData("CertificateCheckInterval", "1d", "Webhook:CertificateCheckInterval: \"1d\" is not a duration: unknown unit \"d\"")]
    public async Task A_value_that_is_no_duration_fails_at_start_naming_the_key_and_the_value(string key, string text, string message)
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(RealWebhook.StartAsync(_certificates, $"--Webhook:{key}={text}"));

        error.Message.ShouldStartWith(message, Case.Sensitive);
    }

    [Fact]
    public async Task A_negative_duration_binds_and_the_validator_refuses_it_in_Go_syntax()
    {
        var error = await Should.ThrowAsync<OptionsValidationException>(RealWebhook.StartAsync(_certificates, "--Webhook:CertificateCheckInterval=-30s"));

        error.Message.ShouldContain("Webhook:CertificateCheckInterval must be positive, got \"-30s\"", Case.Sensitive);
    }
}
