using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Tests.Replicas;

public class JobConditionsTests
{
    // conditions as "Type=Status" pairs separated by ';' (empty: none), finished?
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Complete=True", true)]
    [InlineData("Failed=True", true)]
    [InlineData("Complete=False", false)]
    [InlineData("Failed=Unknown", false)]
    [InlineData("Suspended=True", false)]
    [InlineData("SuccessCriteriaMet=True", false)]
    [InlineData("FailureTarget=True", false)]
    [InlineData("Suspended=False;Complete=True", true)]
    [InlineData("complete=True", false)]
    [InlineData("Complete=true", false)]
    public void A_Job_is_finished_only_by_a_true_Complete_or_Failed_condition(string? conditions, bool finished)
    {
        var parsed = conditions?.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Split('='))
            .Select(p => ((string?)p[0], (string?)p[1]))
            .ToList();

        JobConditions.IsFinished(parsed).ShouldBe(finished);
    }
}
