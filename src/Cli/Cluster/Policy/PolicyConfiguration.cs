using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Scope;

namespace Tarnfui.Cli.Cluster.Policy;

/// <summary>
/// Builds <see cref="ScheduleOptions"/>, <see cref="ScopeOptions"/> and <see cref="PolicyOptions"/> the way the sweeper and the webhook do, from Tarnfui's ConfigMap data and the
/// command-line overrides, so the CLI answers with the configuration the cluster actually runs.
/// </summary>
internal static class PolicyConfiguration
{
    private const string EnvironmentPrefix = "TARNFUI_";
    private const string AppSettings = "appsettings.json";

    /// <summary>
    /// The ConfigMap's keys may be environment variables as the manifests load them with <c>envFrom</c>
    /// (<c>TARNFUI_Schedule__Uptime</c>), configuration keys (<c>Schedule__Uptime</c>, <c>Schedule:Uptime</c>), or an
    /// <c>appsettings.json</c> document; the error names the key and the value.
    /// </summary>
    public static ParseResult<GlobalPolicy> Create(IReadOnlyDictionary<string, string>? configMap, PolicyOverrides overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var builder = new ConfigurationBuilder();
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (configMap is not null)
        {
            if (configMap.TryGetValue(AppSettings, out var json))
            {
                builder.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
            }

            foreach (var (key, value) in configMap)
            {
                if (!string.Equals(key, AppSettings, StringComparison.Ordinal))
                {
                    keys[Normalise(key)] = value;
                }
            }
        }

        if (overrides.Holidays is { } holidays)
        {
            ReplaceList(keys, nameof(ScheduleOptions.Holidays), holidays);
        }

        if (overrides.ExcludedNamespaces is { } excluded)
        {
            ReplaceList(keys, nameof(ScheduleOptions.ExcludedNamespaces), excluded);
        }

        foreach (var (key, value) in overrides.Scalars)
        {
            keys[key] = value;
        }

        keys[$"{ScheduleOptions.Section}:{nameof(ScheduleOptions.OwnNamespace)}"] = overrides.OwnNamespace;
        builder.AddInMemoryCollection(keys);
        ScheduleOptions options;
        ScopeOptions scope;
        PolicyOptions policy;
        try
        {
            var configuration = builder.Build();
            options = configuration.GetSection(ScheduleOptions.Section).Get<ScheduleOptions>() ?? new ScheduleOptions();
            scope = configuration.GetSection(ScopeOptions.Section).Get<ScopeOptions>() ?? new ScopeOptions();
            policy = configuration.GetSection(PolicyOptions.Section).Get<PolicyOptions>() ?? new PolicyOptions();
        }
        catch (JsonException e)
        {
            return ParseResult<GlobalPolicy>.Fail($"{AppSettings} in the ConfigMap is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            return ParseResult<GlobalPolicy>.Fail($"{ScheduleOptions.Section} or {PolicyOptions.Section}: {e.Message}");
        }

        return GlobalPolicy.Create(options, scope, policy);
    }

    private static string Normalise(string key)
    {
        var bare = key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) ? key[EnvironmentPrefix.Length..] : key;
        return bare.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
    }

    private static void ReplaceList(Dictionary<string, string?> keys, string name, IReadOnlyList<string> values)
    {
        var prefix = $"{ScheduleOptions.Section}:{name}:";
        foreach (var key in keys.Keys.Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            keys.Remove(key);
        }

        for (var i = 0; i < values.Count; i++)
        {
            keys[prefix + i.ToString(CultureInfo.InvariantCulture)] = values[i];
        }
    }
}
