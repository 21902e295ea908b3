using Tarnfui.Core;

namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>
/// The values the generator writes to the policy annotations, by key: valid ones, chosen so that most leave the
/// morning (Tuesday 08:00 UTC) in working hours or exempt and a few keep it off-hours, and invalid ones of the kinds
/// people write. The instants are placed around the night's steps (21:00 to 06:00) and the morning.
/// </summary>
public static class AnnotationChoices
{
    public static readonly IReadOnlyList<string> Keys =
    [
        WellKnown.Annotations.Exclude,
        WellKnown.Annotations.ExcludeUntil,
        WellKnown.Annotations.Uptime,
        WellKnown.Annotations.Downtime,
        WellKnown.Annotations.DowntimeReplicas,
        WellKnown.Annotations.SleepUntil,
        WellKnown.Annotations.Restore,
        WellKnown.Annotations.ForceDowntime,

        // Read because the sandbox runs with Policy:KubeDownscalerAnnotations: the model (Core's resolver) knows a
        // Tarnfui key wins where both are set.
        WellKnown.KubeDownscaler.Exclude,
        WellKnown.KubeDownscaler.ExcludeUntil,
        WellKnown.KubeDownscaler.Uptime,
        WellKnown.KubeDownscaler.Downtime,
        WellKnown.KubeDownscaler.DowntimeReplicas,
        WellKnown.KubeDownscaler.ForceDowntime,
    ];

    private static readonly Dictionary<string, (string[] Valid, string[] Invalid)> Values = new()
    {
        [WellKnown.Annotations.Exclude] = (["true", "true", "false"], ["maybe", "yes", "1"]),
        [WellKnown.Annotations.ExcludeUntil] = (
            [
                "2026-11-25",           // past the morning: exempt from now on
                "2026-11-24T02:00:00Z", // expires between the 01:30 and 03:00 steps
                "2026-11-24T09:00:00Z", // still exempt at 08:00
                "2026-11-24",           // Tuesday 00:00: expires at the midnight step
                "2026-11-20",           // long past: ignored
            ],
            ["tomorrow", "2026-11-31", "24/11/2026"]),
        [WellKnown.Annotations.Uptime] = (
            [
                "Mon-Fri 07:00-19:00 UTC",  // the global schedule, written out
                "Mon-Fri 06:00-20:00 UTC",
                "Mon-Sun 00:00-24:00 UTC",  // working hours all night: restored at the next sweep
                "always",
                "Mon-Fri 09:00-17:00 UTC",  // still off-hours at 08:00
            ],
            ["Mon-Fri 7:00-19:00 UTC", "Mon-Fry 07:00-19:00 UTC", "weekdays"]),
        [WellKnown.Annotations.Downtime] = (
            [
                "never",
                "Sat-Sun 00:00-24:00 UTC",
                "Mon-Fri 22:00-06:00 UTC",  // week nights: off-hours from 22:00 whatever the uptime says
                "Tue 07:30-08:30 UTC",      // a maintenance hour over the morning: still off-hours at 08:00
            ],
            ["weekends", "Mon-Fri 22:00-6:00 UTC"]),
        [WellKnown.Annotations.DowntimeReplicas] = (["0", "1", "1", "2"], ["-1", "two", "lots"]),
        [WellKnown.Annotations.SleepUntil] = (
            [
                "2026-11-26",           // past the morning: held through it, even in working hours
                "2026-11-24T02:00:00Z", // expires between the 01:30 and 03:00 steps
                "2026-11-24T07:30:00Z", // expires just before the morning: restored by it
                "2026-11-20",           // long past: ignored
            ],
            ["next week", "2026-13-01"]),
        [WellKnown.Annotations.Restore] = ([WellKnown.Annotations.ManualRestoreValue, "Manual"], ["auto", "never", "true"]),
        [WellKnown.Annotations.ForceDowntime] = (["false", "false", "true", "Tue 07:30-08:30 UTC"], ["maybe", "Tue 7:30-8:30 UTC"]),

        // kube-downscaler takes any value of exclude but "false" as true: none is invalid.
        [WellKnown.KubeDownscaler.Exclude] = (["true", "yes", "false", "False"], []),
        [WellKnown.KubeDownscaler.ExcludeUntil] = (
            [
                "2026-11-25",               // midnight UTC: exempt from now on
                "2026-11-24T02:00",         // expires between the 01:30 and 03:00 steps
                "2026-11-24 09:00",         // still exempt at 08:00
                "2026-11-24T00:00:00Z",     // expires at the midnight step
            ],
            ["tomorrow", "2026-11-24T02:00:00"]),
        [WellKnown.KubeDownscaler.Uptime] = (
            ["mon-fri 07:00-19:00 utc", "Mon-Fri 09:00-17:00 UTC", "true"],
            ["Mon-Fri 7:00-19:00 UTC"]),
        [WellKnown.KubeDownscaler.Downtime] = (
            ["false", "Mon-Fri 22:00-06:00 UTC", "Tue 07:30-08:30 UTC"],
            ["weekends"]),
        [WellKnown.KubeDownscaler.DowntimeReplicas] = (["0", "1", "2"], ["50%", "two"]),
        [WellKnown.KubeDownscaler.ForceDowntime] = (["false", "false", "true", "Tue 07:30-08:30 UTC"], ["maybe"]),
    };

    /// <summary>A value for <paramref name="key"/>: valid, invalid, or null (the annotation removed).</summary>
    public static string? Next(Random random, string key)
    {
        var (valid, invalid) = Values[key];
        return random.Next(10) switch
        {
            < 6 => Pick(random, valid),
            < 8 when invalid.Length > 0 => Pick(random, invalid),
            < 8 => Pick(random, valid),
            _ => null,
        };
    }

    /// <summary>A valid value for <paramref name="key"/>, for the annotations a workload or namespace starts with.</summary>
    public static string NextValid(Random random, string key) => Pick(random, Values[key].Valid);

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
