using Microsoft.Extensions.Options;
using Tarnfui.Core.Durations;

namespace Tarnfui.Sweeper.Configuration;

/// <summary>Fails start-up with messages naming the key and the value: <c>Sweeper:Interval must be positive, got "-5s"</c>.</summary>
internal sealed class SweeperOptionsValidator : IValidateOptions<SweeperOptions>
{
    public ValidateOptionsResult Validate(string? name, SweeperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.Interval), options.Interval);
        Positive(errors, nameof(options.RetryBackoff), options.RetryBackoff);
        Positive(errors, nameof(options.MaxRetryDelay), options.MaxRetryDelay);
        Positive(errors, nameof(options.RequestTimeout), options.RequestTimeout);
        Positive(errors, nameof(options.OwnerCacheMaxAge), options.OwnerCacheMaxAge);
        Positive(errors, nameof(options.WatchStaleAfter), options.WatchStaleAfter);
        Positive(errors, nameof(options.DiscoveryInterval), options.DiscoveryInterval);
        var lease = Positive(errors, nameof(options.LeaseDuration), options.LeaseDuration);
        var renew = Positive(errors, nameof(options.RenewDeadline), options.RenewDeadline);
        var retry = Positive(errors, nameof(options.RetryPeriod), options.RetryPeriod);
        if (lease && renew && options.RenewDeadline >= options.LeaseDuration)
        {
            errors.Add($"{Key(nameof(options.RenewDeadline))} must be shorter than {Key(nameof(options.LeaseDuration))} ({Quoted(options.LeaseDuration)}), got {Quoted(options.RenewDeadline)}");
        }

        if (renew && retry && options.RetryPeriod >= options.RenewDeadline)
        {
            errors.Add($"{Key(nameof(options.RetryPeriod))} must be shorter than {Key(nameof(options.RenewDeadline))} ({Quoted(options.RenewDeadline)}), got {Quoted(options.RetryPeriod)}");
        }

        if (options.PageSize is < 1 or > 10_000)
        {
            errors.Add($"{Key(nameof(options.PageSize))} must be between 1 and 10000, got \"{options.PageSize}\"");
        }

        if (!(options.Qps > 0) || double.IsInfinity(options.Qps))
        {
            errors.Add($"{Key(nameof(options.Qps))} must be positive, got \"{options.Qps}\"");
        }

        if (options.Burst < 1)
        {
            errors.Add($"{Key(nameof(options.Burst))} must be at least 1, got \"{options.Burst}\"");
        }

        if (options.MaxAttempts < 1)
        {
            errors.Add($"{Key(nameof(options.MaxAttempts))} must be at least 1, got \"{options.MaxAttempts}\"");
        }

        if (options.MaxConflictRetries < 0)
        {
            errors.Add($"{Key(nameof(options.MaxConflictRetries))} must not be negative, got \"{options.MaxConflictRetries}\"");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // Durations are TimeSpans by now (DurationBinding read them); only their range is checked here.
    private static bool Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value > TimeSpan.Zero)
        {
            return true;
        }

        errors.Add($"{Key(key)} must be positive, got {Quoted(value)}");
        return false;
    }

    private static string Quoted(TimeSpan value) => $"\"{GoDuration.Format(value)}\"";

    private static string Key(string property) => $"{SweeperOptions.Section}:{property}";
}
