using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Scope;

/// <summary>Fails start-up with a message naming the key and the position when a <c>Policy</c> selector is invalid.</summary>
public sealed class PolicyOptionsValidator : IValidateOptions<PolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, PolicyOptions options)
    {
        var rules = ScopeRules.Create(new ScheduleOptions(), new ScopeOptions(), options);
        return rules.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Error);
    }
}
