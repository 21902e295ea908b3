using Tarnfui.Bench.Scenarios.Admissions;

namespace Tarnfui.Bench.Tests.Scenarios;

public class WebhookMeasureCommandTests
{
    [Theory]
    [InlineData("no arguments")]
    [InlineData("too few", "100", "100")]
    [InlineData("a duration that is not a number", "soon", "100", "200", "out.json")]
    [InlineData("a rate that is not a number", "100", "100", "fast", "out.json")]
    public async Task Arguments_it_cannot_read_give_its_usage_and_exit_code_2_without_measuring(string because, params string[] args)
    {
        var error = Console.Error;
        using var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            (await WebhookMeasureCommand.RunAsync(args)).ShouldBe(2, because);
        }
        finally
        {
            Console.SetError(error);
        }

        captured.ToString().ShouldContain("usage: webhook-measure <warm-up ms> <measure ms> <rate per second> <output.json>", customMessage: because);
    }
}
