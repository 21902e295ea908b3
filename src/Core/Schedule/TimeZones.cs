using NodaTime;

namespace Tarnfui.Core.Schedule;

/// <summary>Looks zones up in NodaTime's embedded tzdb.</summary>
internal static class TimeZones
{
    // tzdb ids are case-sensitive, but kube-downscaler (pytz) accepted "europe/berlin": take the id whatever
    // its case so that specs carry over, and evaluate in the canonical zone.
    private static readonly Dictionary<string, string> CanonicalIds =
        DateTimeZoneProviders.Tzdb.Ids.ToDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase);

    public static DateTimeZone? Find(string id) =>
        CanonicalIds.TryGetValue(id, out var canonical) ? DateTimeZoneProviders.Tzdb[canonical] : null;
}
