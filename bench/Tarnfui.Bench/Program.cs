using BenchmarkDotNet.Running;

namespace Tarnfui.Bench;

internal static class Program
{
    // BenchmarkDotNet micro-benchmarks; scenario runs are added as named commands by the performance work.
    public static async Task<int> Main(string[] args)
    {
        if (args is ["webhook-load", .. var webhookArgs])
        {
            return await Webhook.WebhookLoad.RunAsync(webhookArgs);
        }

        if (args is ["sweep-cost", .. var sweepArgs])
        {
            return await Sweep.SweepCostCommand.RunAsync(sweepArgs);
        }

        if (args is ["startup", .. var startupArgs])
        {
            return await Startup.StartupScenario.RunCommandAsync(startupArgs);
        }

        if (args is ["sandbox-seed", .. var seedArgs])
        {
            return await Sandbox.SeedScenario.RunAsync(seedArgs);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
