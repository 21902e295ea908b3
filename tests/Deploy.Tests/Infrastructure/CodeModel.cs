using System.Reflection;
using Prometheus;

namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>A metric as the code defines it: its name, its type and its label names.</summary>
public sealed record ExportedMetric(string Name, string Type, IReadOnlyList<string> Labels)
{
    /// <summary>The series names Prometheus stores for it (a histogram's _bucket, _sum and _count).</summary>
    public IEnumerable<string> SeriesNames => Type switch
    {
        nameof(Histogram) => [Name + "_bucket", Name + "_sum", Name + "_count"],
        nameof(Summary) => [Name, Name + "_sum", Name + "_count"],
        _ => [Name],
    };
}

/// <summary>What the programs define, read by reflection from their assemblies rather than copied into the tests.</summary>
internal static class CodeModel
{
    /// <summary>The assemblies of the two programs shipped in the image.</summary>
    public static IReadOnlyList<Assembly> Programs { get; } = [Assembly.Load("Tarnfui.Webhook"), Assembly.Load("Tarnfui.Sweeper")];

    /// <summary>Every configuration section: the Options classes with a <c>const string Section</c>.</summary>
    public static IReadOnlyList<Type> OptionsTypes { get; } =
        [.. Programs.Append(Assembly.Load("Tarnfui.Core")).SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal)
                && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })];

    /// <summary>
    /// Every prometheus-net collector the programs' <c>Metrics</c> classes create: static members (default
    /// registry), or instance members of a Metrics class that owns its registry.
    /// </summary>
    public static IReadOnlyList<ExportedMetric> Metrics()
    {
        var metrics = new List<ExportedMetric>();
        foreach (var type in Programs.SelectMany(a => a.GetTypes()).Where(t => t.Name == "Metrics"))
        {
            var instance = type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(type);
            const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            var values = type.GetFields(Members).Where(f => f.IsStatic || instance is not null).Select(f => f.GetValue(f.IsStatic ? null : instance))
                .Concat(type.GetProperties(Members).Where(p => p.GetIndexParameters().Length == 0 && (p.GetMethod!.IsStatic || instance is not null))
                    .Select(p => p.GetValue(p.GetMethod!.IsStatic ? null : instance)));
            metrics.AddRange(values.OfType<Collector>().Select(c => new ExportedMetric(c.Name, c.GetType().Name, c.LabelNames)));
        }

        return [.. metrics.DistinctBy(m => m.Name)];
    }
}
