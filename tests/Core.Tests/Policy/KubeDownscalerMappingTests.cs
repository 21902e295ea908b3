using Tarnfui.Core.Policy;
using K = Tarnfui.Core.WellKnown.KubeDownscaler;

namespace Tarnfui.Core.Tests.Policy;

// The values kube-downscaler takes (kube_downscaler/scaler.py: ignore_resource, parse_time, TIMESTAMP_FORMATS,
// parse_int_or_percent) written as Tarnfui's: what compatibility mode reads and what migrate writes.
public class KubeDownscalerMappingTests
{
    public static TheoryData<string, string, string, string> Translated => new()
    {
        { "exclude true", K.Exclude, "true", "true" },
        { "exclude with any other word excludes", K.Exclude, "yes", "true" },
        { "exclude false in any case", K.Exclude, "FALSE", "false" },
        { "exclude-until with seconds and Z", K.ExcludeUntil, "2026-12-24T18:00:00Z", "2026-12-24T18:00:00Z" },
        { "exclude-until with minutes, UTC", K.ExcludeUntil, "2026-12-24T18:00", "2026-12-24T18:00:00Z" },
        { "exclude-until with a blank, UTC", K.ExcludeUntil, "2026-12-24 18:00", "2026-12-24T18:00:00Z" },
        { "exclude-until as a date: midnight UTC", K.ExcludeUntil, "2026-12-24", "2026-12-24T00:00:00Z" },
        { "exclude-until with an offset (Tarnfui's form)", K.ExcludeUntil, "2026-12-24T19:00:00+01:00", "2026-12-24T18:00:00Z" },
        { "uptime as written", K.Uptime, "Mon-Fri 07:30-20:30 Europe/Berlin", "Mon-Fri 07:30-20:30 Europe/Berlin" },
        { "downtime as written", K.Downtime, "Sat-Sun 00:00-24:00 CET", "Sat-Sun 00:00-24:00 CET" },
        { "downtime-replicas with blanks", K.DowntimeReplicas, " 2 ", "2" },
        { "force-downtime true", K.ForceDowntime, "true", "true" },
    };

    [Theory, MemberData(nameof(Translated))]
    public void Their_value_reads_as_Tarnfui_s(string because, string key, string value, string expected) =>
        KubeDownscalerMapping.Translate(key, value).Value.ShouldBe(expected, because);

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "a percentage", K.DowntimeReplicas, "20%",
            "downscaler/downtime-replicas: \"20%\" is a percentage, which Tarnfui does not take; write a replica count, e.g. \"1\"" },
        { "a negative count", K.DowntimeReplicas, "-1",
            "downscaler/downtime-replicas: \"-1\" is not a replica count; use a whole number from 0, e.g. \"1\"" },
        { "exclude-until with seconds but no zone", K.ExcludeUntil, "2026-12-24T18:00:00",
            "downscaler/exclude-until: \"2026-12-24T18:00:00\" is none of kube-downscaler's formats (YYYY-MM-DDTHH:MM:SSZ, YYYY-MM-DDTHH:MM, YYYY-MM-DD HH:MM, YYYY-MM-DD, all in UTC); example: \"2026-11-24T18:00\"" },
        { "an upscale period", K.UpscalePeriod, "Mon-Fri 07:00-08:00 UTC",
            "downscaler/upscale-period: Tarnfui has no upscale period: it restores whenever working hours start" },
        { "kube-downscaler's own stop record", K.OriginalReplicas, "3",
            "downscaler/original-replicas: kube-downscaler holds this object stopped: restore it with kube-downscaler first" },
    };

    [Theory, MemberData(nameof(Refused))]
    public void What_Tarnfui_cannot_take_says_why(string because, string key, string value, string message) =>
        KubeDownscalerMapping.Translate(key, value).Error.ShouldBe(message, because);
}
