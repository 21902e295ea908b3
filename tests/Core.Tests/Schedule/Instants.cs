using NodaTime;
using NodaTime.Text;

namespace Tarnfui.Core.Tests.Schedule;

/// <summary>Reads the instants of the test tables, written with their offset as people write them.</summary>
internal static class Instants
{
    public static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();
}
