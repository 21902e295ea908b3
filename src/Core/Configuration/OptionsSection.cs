using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Tarnfui.Core.Configuration;

/// <summary>
/// One options class as <see cref="ConfigurationHelp"/> prints it: its section, its defaults and its keys. Made
/// through <see cref="Of{T}"/>, whose annotation tells the trimmer (and the native sweeper build) to keep the
/// constructor and properties the help reads.
/// </summary>
public sealed class OptionsSection
{
    private OptionsSection(string name, object defaults, IReadOnlyList<PropertyInfo> properties)
    {
        Name = name;
        Defaults = defaults;
        Properties = properties;
    }

    public string Name { get; }

    public object Defaults { get; }

    public IReadOnlyList<PropertyInfo> Properties { get; }

    /// <summary>The options class <typeparamref name="T"/>, bound from configuration section <paramref name="name"/>.</summary>
    public static OptionsSection Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor | DynamicallyAccessedMemberTypes.PublicProperties)] T>(string name)
        where T : new()
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new OptionsSection(name, new T(), typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance));
    }
}
