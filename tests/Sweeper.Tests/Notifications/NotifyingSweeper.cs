using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Tests.Integration;

namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>
/// A test sweeper with one notification target <see cref="Target"/> limited to the test's namespaces (the sandbox is
/// shared), retrying at once, its lines captured down to Debug.
/// </summary>
internal static class NotifyingSweeper
{
    public const string Target = "team";

    public static TestSweeper Create(SweeperSandbox sandbox, string url, string[] namespaces, CapturedLogs? logs = null, params string[] settings)
    {
        string[] all =
        [
            $"--Notifications:Targets:0:Name={Target}",
            $"--Notifications:Targets:0:Url={url}",
            .. namespaces.Select((ns, i) => $"--Notifications:Targets:0:Namespaces:{i}={ns}"),
            "--Notifications:RetryBackoff=1ms",
            "--Notifications:MaxRetryDelay=2ms",
            "--Logging:LogLevel:Tarnfui.Sweeper.Notifications=Debug",
            .. settings,
        ];
        return TestSweeper.Create(sandbox.Server, "notifying-sweeper", null, services =>
        {
            if (logs is not null)
            {
                services.AddSingleton<ILoggerProvider>(logs);
            }
        }, all);
    }

    public static double Count(this TestSweeper sweeper, string result, string target = Target) =>
        sweeper.Metrics.Notifications.WithLabels(target, result).Value;

    public static Notifier Notifier(this TestSweeper sweeper) => sweeper.Services.GetRequiredService<Notifier>();
}
