using Microsoft.Extensions.Options;

namespace Tarnfui.Core.Policy;

/// <summary>Fails start-up with a message naming the key and the value when the schedule configuration is invalid.</summary>
public sealed class ScheduleOptionsValidator : IValidateOptions<ScheduleOptions>
{
    public ValidateOptionsResult Validate(string? name, ScheduleOptions options)
    {
        var policy = GlobalPolicy.Create(options);
        return policy.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(policy.Error);
    }
}
