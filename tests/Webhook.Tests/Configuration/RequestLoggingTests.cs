using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tarnfui.Webhook.Tests.Configuration;

/// <summary>
/// ASP.NET Core's per-request lines (start and finish, at Information) would be two log lines per admission: the webhook
/// keeps only its warnings and errors unless configuration asks for more, and its own Information lines stay.
/// </summary>
public sealed class RequestLoggingTests
{
    [Theory]
    [InlineData(new string[0], LogLevel.Information, false)]
    [InlineData(new string[0], LogLevel.Warning, true)]
    [InlineData(new[] { "--Logging:LogLevel:Microsoft.AspNetCore=Information" }, LogLevel.Information, true)]
    public void Request_lines_are_off_unless_configuration_asks_for_them(string[] args, LogLevel level, bool enabled)
    {
        using var services = WebhookApp.CreateBuilder(args).Services.BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(level).ShouldBe(enabled);
        factory.CreateLogger("Tarnfui.Webhook.Admission.AdmissionHandler").IsEnabled(LogLevel.Information).ShouldBeTrue();
    }
}
