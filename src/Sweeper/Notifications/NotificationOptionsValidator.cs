using Microsoft.Extensions.Options;
using Tarnfui.Core.Durations;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// Fails start-up with messages naming the key: a target without a name or with a duplicate one, a URL that is not
/// absolute http(s) (or a URL file that cannot be read), an unknown format, a headers directory that does not exist.
/// </summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Positive(errors, nameof(options.AttemptTimeout), options.AttemptTimeout);
        Positive(errors, nameof(options.RetryBackoff), options.RetryBackoff);
        Positive(errors, nameof(options.MaxRetryDelay), options.MaxRetryDelay);
        AtLeast(errors, nameof(options.QueueCapacity), options.QueueCapacity, 1);
        AtLeast(errors, nameof(options.MaxAttempts), options.MaxAttempts, 1);
        AtLeast(errors, nameof(options.MaxListed), options.MaxListed, 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Targets.Count; i++)
        {
            var target = options.Targets[i];
            var key = $"{NotificationOptions.Section}:Targets:{i}";
            if (string.IsNullOrWhiteSpace(target.Name))
            {
                errors.Add($"{key}:Name must be set");
            }
            else if (!names.Add(target.Name))
            {
                errors.Add($"{key}:Name \"{target.Name}\" is already the name of another target");
            }

            if (!NotificationFormats.All.Contains(target.Format))
            {
                errors.Add($"{key}:Format must be one of {string.Join(", ", NotificationFormats.All)}, got \"{target.Format}\"");
            }

            CheckUrl(errors, key, target);
            if (target.HeadersFile is { } headers && !Directory.Exists(headers))
            {
                errors.Add($"{key}:HeadersFile must be a directory (a mounted Secret), \"{headers}\" is not one");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckUrl(List<string> errors, string key, NotificationTarget target)
    {
        if ((target.Url is null) == (target.UrlFile is null))
        {
            errors.Add($"{key} needs exactly one of Url and UrlFile");
            return;
        }

        if (target.Url is { } url)
        {
            if (!TargetUrl.TryParse(url, out _))
            {
                // The value is not echoed: a URL may carry a secret.
                errors.Add($"{key}:Url must be an absolute http or https URL");
            }

            return;
        }

        var file = target.UrlFile!;
        if (!File.Exists(file))
        {
            errors.Add($"{key}:UrlFile \"{file}\" does not exist");
        }
        else if (!TargetUrl.TryParse(File.ReadAllText(file).Trim(), out _))
        {
            errors.Add($"{key}:UrlFile \"{file}\" must hold an absolute http or https URL");
        }
    }

    private static void Positive(List<string> errors, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{NotificationOptions.Section}:{property} must be positive, got \"{GoDuration.Format(value)}\"");
        }
    }

    private static void AtLeast(List<string> errors, string property, int value, int least)
    {
        if (value < least)
        {
            errors.Add($"{NotificationOptions.Section}:{property} must be at least {least}, got \"{value}\"");
        }
    }
}
