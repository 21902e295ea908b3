using System.Text.Json.Nodes;
using k8s.Models;
using Tarnfui.Emulator.Admission;

namespace Tarnfui.Emulator.Tests.Admission;

public class SelectorAndConditionTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["env"] = "dev", ["kubernetes.io/metadata.name"] = "team-a" };

    public static TheoryData<string, V1LabelSelector?, bool> Selectors => new()
    {
        { "no selector matches everything", null, true },
        { "an empty selector matches everything", new V1LabelSelector(), true },
        { "matchLabels with the same value", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "dev" } }, true },
        { "matchLabels with another value", new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["env"] = "prod" } }, false },
        { "In a listed value", Expr("env", "In", "dev", "test"), true },
        { "In without the label", Expr("tier", "In", "web"), false },
        { "NotIn a listed value", Expr("kubernetes.io/metadata.name", "NotIn", "kube-system", "team-a"), false },
        { "NotIn with the label absent", Expr("tier", "NotIn", "web"), true },
        { "Exists with the label", Expr("env", "Exists"), true },
        { "DoesNotExist with the label", Expr("env", "DoesNotExist"), false },
        { "DoesNotExist without the label", Expr("tier", "DoesNotExist"), true },
    };

    [Theory, MemberData(nameof(Selectors))]
    public void Label_selector_follows_the_table(string because, V1LabelSelector? selector, bool expected) =>
        LabelSelectorMatcher.Matches(selector, Labels).ShouldBe(expected, because);

    public static TheoryData<string, string, bool?> Conditions => new()
    {
        { "!= with another user", "request.userInfo.username != 'system:serviceaccount:tarnfui:tarnfui-sweeper'", true },
        { "!= with the same user", "request.userInfo.username != 'alice'", false },
        { "== in double quotes", "request.userInfo.username == \"alice\"", true },
        { "&& of true and false", "request.userInfo.username == 'alice' && request.operation == 'CREATE'", false },
        { "|| of false and true", "request.userInfo.username == 'bob' || request.operation == 'UPDATE'", true },
        { "! negates", "!(request.operation == 'UPDATE')", false },
        { "in looks into a list", "'dev-team' in request.userInfo.groups", true },
        { "a bool literal", "true", true },
        { "a missing key is an error", "request.userInfo.extra == 'x'", null },
        { "a function call is outside the subset", "request.userInfo.username.startsWith('system:')", null },
        { "an unknown variable is an error", "params.x == 'y'", null },
        { "a non-bool result is an error", "request.operation", null },
    };

    [Theory, MemberData(nameof(Conditions))]
    public void Cel_subset_follows_the_table(string because, string expression, bool? expected)
    {
        var request = JsonNode.Parse("""{"operation":"UPDATE","userInfo":{"username":"alice","groups":["dev-team","system:authenticated"]}}""");

        var result = CelSubset.Evaluate(expression, new Dictionary<string, JsonNode?> { ["request"] = request });

        if (expected is null)
        {
            result.IsValid.ShouldBeFalse(because);
        }
        else
        {
            result.IsValid.ShouldBeTrue(because + ": " + result.Error);
            result.Value.ShouldBe(expected.Value, because);
        }
    }

    [Fact]
    public void A_false_condition_skips_the_webhook_even_when_another_one_errs()
    {
        var conditions = new List<V1MatchCondition>
        {
            new() { Expression = "request.nothing == 'x'", Name = "broken" },
            new() { Expression = "request.operation == 'DELETE'", Name = "deletes-only" },
        };

        MatchConditions.Evaluate(conditions, JsonNode.Parse("""{"operation":"UPDATE"}""")!.AsObject(), null, null).ShouldBe((false, null));
    }

    [Fact]
    public void An_erring_condition_without_a_false_one_reports_the_error()
    {
        var (call, error) = MatchConditions.Evaluate([new V1MatchCondition { Expression = "request.nothing == 'x'", Name = "broken" }], JsonNode.Parse("{}")!.AsObject(), null, null);

        call.ShouldBeTrue();
        error.ShouldNotBeNull().ShouldContain("broken");
    }

    private static V1LabelSelector Expr(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new V1LabelSelectorRequirement { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values }] };
}
