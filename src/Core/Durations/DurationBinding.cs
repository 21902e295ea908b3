using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Tarnfui.Core.Durations;

/// <summary>
/// Binds an options class whose durations are <see cref="TimeSpan"/> properties written in the Go syntax
/// (<see cref="DurationSetting"/>), once, when the options are first read: a bad value fails start-up (with
/// <c>ValidateOnStart</c>) with one message per key, naming the key and the value. Its other keys are bound by the
/// caller's generated binder, which reads a <see cref="TimeSpan"/> with <c>TimeSpan.Parse</c> and so is not shown the
/// durations.
/// </summary>
public static class DurationBinding
{
    /// <param name="builder">The options to bind.</param>
    /// <param name="section">The configuration section, e.g. <c>Sweeper</c>.</param>
    /// <param name="bindOthers">The generated binder for the other keys: <c>(configuration, options) => configuration.Bind(options)</c>.</param>
    public static OptionsBuilder<T> BindConfigurationWithDurations<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(
        this OptionsBuilder<T> builder, string section, Action<IConfiguration, T> bindOthers)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(section);
        ArgumentNullException.ThrowIfNull(bindOthers);
        var durations = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.PropertyType == typeof(TimeSpan) && property.SetMethod is { IsPublic: true })
            .ToArray();
        builder.Configure<IConfiguration>((options, configuration) =>
        {
            var values = configuration.GetSection(section);
            bindOthers(new ConfigurationWithoutKeys(values, durations.Select(property => property.Name)), options);
            var failures = new List<string>();
            foreach (var property in durations)
            {
                if (values[property.Name] is not { } text)
                {
                    continue;
                }

                var parsed = DurationSetting.Parse($"{section}:{property.Name}", text);
                if (parsed.TryGetValue(out var value))
                {
                    property.SetValue(options, value);
                }
                else
                {
                    failures.Add(parsed.Error!);
                }
            }

            if (failures.Count > 0)
            {
                throw new OptionsValidationException(builder.Name, typeof(T), failures);
            }
        });
        return builder;
    }
}
