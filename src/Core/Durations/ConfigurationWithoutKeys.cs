using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Tarnfui.Core.Durations;

/// <summary>
/// A configuration section that does not show some of its keys: what the generated configuration binder is given,
/// so that it leaves the duration keys, which it would read with <c>TimeSpan.Parse</c>, to <see cref="DurationBinding"/>.
/// </summary>
internal sealed class ConfigurationWithoutKeys(IConfiguration inner, IEnumerable<string> hidden) : IConfiguration
{
    private readonly HashSet<string> _hidden = new(hidden, StringComparer.OrdinalIgnoreCase);

    public string? this[string key]
    {
        get => _hidden.Contains(key) ? null : inner[key];
        set => inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Where(child => !_hidden.Contains(child.Key));

    public IConfigurationSection GetSection(string key) =>
        _hidden.Contains(key) ? throw new InvalidOperationException($"{key} is a duration, bound by {nameof(DurationBinding)}") : inner.GetSection(key);

    public IChangeToken GetReloadToken() => inner.GetReloadToken();
}
