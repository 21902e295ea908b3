using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Downscaler = Tarnfui.Core.WellKnown.KubeDownscaler;
using TarnfuiKeys = Tarnfui.Core.WellKnown.Annotations;

namespace Tarnfui.Core.Policy;

/// <summary>
/// The one place that says which kube-downscaler annotation stands for which Tarnfui annotation, and how its value
/// reads as Tarnfui's: the resolver (with <c>Policy:KubeDownscalerAnnotations</c>) and <c>kubectl tarnfui migrate</c>
/// both go through it, so that what the migration writes is what compatibility mode already read.
/// </summary>
public static class KubeDownscalerMapping
{
    // kube-downscaler's exclude-until formats (scaler.py, TIMESTAMP_FORMATS), each read in UTC.
    private static readonly LocalDateTimePattern[] ExcludeUntilTimes =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd' 'HH':'mm"),
    ];

    private static readonly LocalDatePattern ExcludeUntilDate = LocalDatePattern.Iso;

    /// <summary>Each Tarnfui annotation read from a kube-downscaler one, with the kube-downscaler key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Equivalents = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TarnfuiKeys.Exclude] = Downscaler.Exclude,
        [TarnfuiKeys.ExcludeUntil] = Downscaler.ExcludeUntil,
        [TarnfuiKeys.Uptime] = Downscaler.Uptime,
        [TarnfuiKeys.Downtime] = Downscaler.Downtime,
        [TarnfuiKeys.DowntimeReplicas] = Downscaler.DowntimeReplicas,
        [TarnfuiKeys.ForceDowntime] = Downscaler.ForceDowntime,
    };

    /// <summary>kube-downscaler keys Tarnfui has no equivalent of, with why, for <c>migrate</c> to report.</summary>
    public static readonly IReadOnlyDictionary<string, string> Unmapped = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Downscaler.ForceUptime] = "Tarnfui has no forced uptime; use tarnfui.io/exclude (or exclude-until) instead",
        [Downscaler.UpscalePeriod] = "Tarnfui has no upscale period: it restores whenever working hours start",
        [Downscaler.DownscalePeriod] = "Tarnfui has no downscale period: write the hours as tarnfui.io/downtime",
        [Downscaler.GracePeriod] = "Tarnfui has no grace period: a new workload is stopped at the next sweep in off-hours",
        [Downscaler.OriginalReplicas] = "kube-downscaler holds this object stopped: restore it with kube-downscaler first",
    };

    /// <summary>Whether <paramref name="key"/> is one of kube-downscaler's annotations.</summary>
    public static bool IsKubeDownscalerKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(Downscaler.Prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// The Tarnfui value that means what <paramref name="value"/> of kube-downscaler's <paramref name="key"/> meant;
    /// the error names the key and the value, and says what Tarnfui cannot take.
    /// </summary>
    public static ParseResult<string> Translate(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        return key switch
        {
            // kube-downscaler excludes on any value but "false", "to be on the safe side".
            Downscaler.Exclude => ParseResult<string>.Ok(string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) ? "false" : "true"),
            Downscaler.ExcludeUntil => ExcludeUntil(value),
            Downscaler.DowntimeReplicas => DowntimeReplicas(value),
            Downscaler.Uptime or Downscaler.Downtime or Downscaler.ForceDowntime => ParseResult<string>.Ok(value),
            _ => ParseResult<string>.Fail($"{key}: {(Unmapped.TryGetValue(key, out var why) ? why : "is not a kube-downscaler annotation Tarnfui reads")}"),
        };
    }

    private static ParseResult<string> ExcludeUntil(string value)
    {
        var text = value.Trim();
        foreach (var pattern in ExcludeUntilTimes)
        {
            if (pattern.Parse(text) is { Success: true } time)
            {
                return ParseResult<string>.Ok(AnnotationValues.FormatInstant(time.Value.InUtc().ToInstant()));
            }
        }

        if (ExcludeUntilDate.Parse(text) is { Success: true } date)
        {
            return ParseResult<string>.Ok(AnnotationValues.FormatInstant(date.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant()));
        }

        // Tarnfui's own form, an RFC 3339 instant with any offset, reads the same in both.
        return OffsetDateTimePattern.Rfc3339.Parse(text.ToUpperInvariant()) is { Success: true } instant
            ? ParseResult<string>.Ok(AnnotationValues.FormatInstant(instant.Value.ToInstant()))
            : ParseResult<string>.Fail($"{Downscaler.ExcludeUntil}: \"{value}\" is none of kube-downscaler's formats " +
                "(YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DDTHH:MM, YYYY-MM-DD HH:MM, YYYY-MM-DD, all in UTC); example: \"2026-11-24T18:00\"");
    }

    private static ParseResult<string> DowntimeReplicas(string value)
    {
        var text = value.Trim();
        if (text.EndsWith('%'))
        {
            return ParseResult<string>.Fail($"{Downscaler.DowntimeReplicas}: \"{value}\" is a percentage, which Tarnfui does not take; write a replica count, e.g. \"1\"");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas)
            ? ParseResult<string>.Ok(replicas.ToString(CultureInfo.InvariantCulture))
            : ParseResult<string>.Fail($"{Downscaler.DowntimeReplicas}: \"{value}\" is not a replica count; use a whole number from 0, e.g. \"1\"");
    }
}
