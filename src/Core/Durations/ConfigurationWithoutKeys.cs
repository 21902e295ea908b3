using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Tarnfui.Core.Durations;

/// <summary>
/// A configuration section that does not show some of its keys: what the configuration binder is given, so that it
/// leaves the duration keys, which it would read with <c>TimeSpan.Parse</c>, to <see cref="DurationBinding"/>.
/// </summary>
internal sealed class ConfigurationWithoutKeys(IConfigurationSection inner, IEnumerable<string> hidden) : IConfiguration
{
    private readonly HashSet<string> _hidden = new(hidden, StringComparer.OrdinalIgnoreCase);

    public string? this[string key]
    {
        get => _hidden.Contains(key) ? null : inner[key];
        set => inner[key] = value;
    }

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Where(child => !_hidden.Contains(child.Key));

    // The reflection-based binder asks for every property's section; a hidden key's is empty, which it skips.
    public IConfigurationSection GetSection(string key) =>
        _hidden.Contains(key) ? new EmptySection(key, ConfigurationPath.Combine(inner.Path, key), inner) : inner.GetSection(key);

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    private sealed class EmptySection(string key, string path, IConfiguration owner) : IConfigurationSection
    {
        public string Key => key;

        public string Path => path;

        public string? Value
        {
            get => null;
            set => throw new NotSupportedException($"{path} is bound by {nameof(DurationBinding)}");
        }

        public string? this[string childKey]
        {
            get => null;
            set => throw new NotSupportedException($"{path} is bound by {nameof(DurationBinding)}");
        }

        public IEnumerable<IConfigurationSection> GetChildren() => [];

        public IConfigurationSection GetSection(string childKey) => new EmptySection(childKey, ConfigurationPath.Combine(path, childKey), owner);

        public IChangeToken GetReloadToken() => owner.GetReloadToken();
    }
}
