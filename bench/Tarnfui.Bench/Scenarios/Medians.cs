namespace Tarnfui.Bench.Scenarios;

/// <summary>
/// The median the scenarios report of repeated runs or rounds: the middle value, or the mean of the two middle ones
/// for an even count, so that one slow run on a shared machine moves it less than it would a mean.
/// </summary>
internal static class Medians
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = Sorted(values);
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static TimeSpan Of(IEnumerable<TimeSpan> values) => TimeSpan.FromTicks((long)Math.Round(Of(values.Select(v => (double)v.Ticks))));

    private static double[] Sorted(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length > 0 ? sorted : throw new ArgumentException("the median of no values", nameof(values));
    }
}
