using Microsoft.Extensions.Options;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Scope;

/// <summary>Fails start-up with a message naming the key and the entry when <c>Scope:Namespaces</c> is invalid.</summary>
public sealed class ScopeOptionsValidator : IValidateOptions<ScopeOptions>
{
    public ValidateOptionsResult Validate(string? name, ScopeOptions options)
    {
        var rules = ScopeRules.Create(new ScheduleOptions(), options, new PolicyOptions());
        return rules.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Error);
    }
}
