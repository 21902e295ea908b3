using BenchmarkDotNet.Running;

namespace Tarnfui.Bench;

internal static class Program
{
    // BenchmarkDotNet micro-benchmarks, and named commands: `scenario …` (the scenario runner), the older single ones.
    public static async Task<int> Main(string[] args)
    {
        if (args is ["webhook-load", .. var webhookArgs])
        {
            return await Webhook.WebhookLoad.RunAsync(webhookArgs);
        }

        if (args is [Scenarios.Admissions.WebhookMeasureCommand.Name, .. var measureArgs])
        {
            return await Scenarios.Admissions.WebhookMeasureCommand.RunAsync(measureArgs);
        }

        if (args is [Scenarios.ScenarioCommand.Name, .. var scenarioArgs])
        {
            return await Scenarios.ScenarioCommand.RunAsync(scenarioArgs);
        }

        // The sweep-cost command of session 1, now a scenario: `sweep-cost 1000 10000` = `scenario sweep-cost --sizes 1000,10000`.
        if (args is ["sweep-cost", .. var sizes])
        {
            return await Scenarios.ScenarioCommand.RunAsync(sizes.Length == 0 ? ["sweep-cost"] : ["sweep-cost", "--sizes", string.Join(',', sizes)]);
        }

        if (args is [Sweep.FastStopCommand.Name, .. var fastStopArgs])
        {
            return await Sweep.FastStopCommand.RunAsync(fastStopArgs);
        }

        if (args is [Scenarios.SweepCost.NaiveSweepCommand.Name, .. var naiveArgs])
        {
            return await Scenarios.SweepCost.NaiveSweepCommand.RunAsync(naiveArgs);
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
