using System.Globalization;
using System.Net;
using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Core.Durations;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>Escaping and the small pieces of markup every page uses. Every name read from the cluster goes through <see cref="E"/>.</summary>
internal static class Html
{
    /// <summary>Text or an attribute value, escaped (<c>&lt;</c>, <c>&amp;</c>, quotes).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>A path segment, escaped for a URL and then for HTML.</summary>
    public static string Segment(string text) => E(Uri.EscapeDataString(text));

    /// <summary>An instant as a <c>&lt;time&gt;</c> element, RFC 3339 in UTC as the CLI prints it.</summary>
    public static string Time(Instant at) => $"<time datetime=\"{Names.Instant(at)}\">{Names.Instant(at)}</time>";

    /// <summary>kubectl's AGE of a duration (<c>3h</c>, <c>4d17h</c>).</summary>
    public static string Age(Duration duration) => KubeAge.Format(duration);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A quantity rounded to hundredths, without trailing zeros.</summary>
    public static string Decimal(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The page of a workload.</summary>
    public static string WorkloadHref(string @namespace, string kind, string name) =>
        $"/workloads/{Segment(@namespace)}/{Segment(kind.ToLowerInvariant())}/{Segment(name)}";

    public static string NamespaceHref(string @namespace) => $"/namespaces/{Segment(@namespace)}";
}
