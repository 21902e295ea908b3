using System.Globalization;
using System.Text;
using NodaTime;
using Tarnfui.Cli.Cluster.Output;

namespace Tarnfui.Cli.Dashboard.Pages;

/// <summary>
/// A <see cref="WeekTimeline"/> as inline SVG: one row per day of the schedule's zone, the hours of its wall clock
/// across (so 07:00 lines up on every day, and a DST day simply lacks or repeats an hour), each interval a rectangle
/// carrying its UTC bounds in <c>data-start</c>/<c>data-end</c>, and a line at now.
/// </summary>
internal static class TimelineSvg
{
    private const int Left = 48;
    private const int Top = 22;
    private const int Width = 960;

    // Room right of the last hour line for the half of its centred "24:00" label that sticks out.
    private const int RightMargin = 24;
    private const int RowHeight = 26;
    private const int RowGap = 6;

    public static string Render(WeekTimeline week, Instant now)
    {
        ArgumentNullException.ThrowIfNull(week);
        var height = Top + (7 * (RowHeight + RowGap)) + 4;
        var first = week.WeekStart.InZone(week.Zone).Date;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" data-testid=\"timeline\" role=\"img\" viewBox=\"0 0 {Left + Width + RightMargin} {height}\" ")
            .Append("aria-labelledby=\"timeline-title\" xmlns=\"http://www.w3.org/2000/svg\">\n")
            .Append("<title id=\"timeline-title\">The week from ").Append(Html.E(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Append(" in ").Append(Html.E(week.Zone.Id)).Append(": working hours, off-hours, holidays and exclusions</title>\n");
        for (var hour = 0; hour <= 24; hour += 3)
        {
            var x = X(hour * 60);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x}\" y1=\"{Top - 4}\" x2=\"{x}\" y2=\"{height - 4}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"14\" text-anchor=\"middle\">{hour:00}:00</text>\n");
        }

        for (var day = 0; day < 7; day++)
        {
            var date = first.PlusDays(day);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{Y(day) + 17}\">{date.DayOfWeek.ToString()[..3]} {date.Day}</text>\n");
        }

        foreach (var interval in week.Intervals)
        {
            foreach (var (day, from, to) in Pieces(week, interval))
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{Css(interval.Kind)}\" x=\"{X(from)}\" y=\"{Y(day)}\" width=\"{Math.Max(X(to) - X(from), 1)}\" height=\"{RowHeight}\" ")
                    .Append(CultureInfo.InvariantCulture, $"data-kind=\"{Css(interval.Kind)}\" data-start=\"{Names.Instant(interval.Start)}\" data-end=\"{Names.Instant(interval.End)}\">")
                    .Append("<title>").Append(Html.E(Label(interval.Kind))).Append(": ")
                    .Append(Html.E(Local(interval.Start, week.Zone))).Append(" to ").Append(Html.E(Local(interval.End, week.Zone))).Append("</title></rect>\n");
            }
        }

        if (now >= week.WeekStart && now < week.WeekEnd)
        {
            var local = now.InZone(week.Zone);
            var day = Period.Between(first, local.Date, PeriodUnits.Days).Days;
            var x = X((local.Hour * 60) + local.Minute);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"now\" data-testid=\"now-marker\" data-at=\"{Names.Instant(now)}\" x1=\"{x}\" y1=\"{Y(day) - 3}\" x2=\"{x}\" y2=\"{Y(day) + RowHeight + 3}\">")
                .Append("<title>now: ").Append(Html.E(Local(now, week.Zone))).Append("</title></line>\n");
        }

        return svg.Append("</svg>\n").Append(Legend()).ToString();
    }

    /// <summary>The CSS class and data-kind of an interval.</summary>
    public static string Css(TimelineKind kind) => kind switch
    {
        TimelineKind.WorkingHours => "work",
        TimelineKind.Holiday => "holiday",
        TimelineKind.ForcedSleep => "off forced",
        TimelineKind.Excluded => "excluded",
        TimelineKind.Invalid => "invalid",
        _ => "off",
    };

    private static string Label(TimelineKind kind) => kind switch
    {
        TimelineKind.WorkingHours => "working hours",
        TimelineKind.Holiday => "holiday",
        TimelineKind.ForcedSleep => "forced sleep",
        TimelineKind.Excluded => "excluded",
        TimelineKind.Invalid => "invalid annotation",
        _ => "off-hours",
    };

    private static string Legend() =>
        "<ul class=\"legend\" aria-label=\"Legend\">" +
        string.Concat(new[] { TimelineKind.WorkingHours, TimelineKind.OffHours, TimelineKind.Holiday, TimelineKind.Excluded, TimelineKind.Invalid }
            .Select(k => $"<li><svg width=\"16\" height=\"16\" class=\"timeline swatch\" aria-hidden=\"true\"><rect class=\"{Css(k)}\" width=\"16\" height=\"16\"/></svg> {Label(k)}</li>")) +
        "<li><svg width=\"16\" height=\"16\" class=\"timeline swatch\" aria-hidden=\"true\"><line class=\"now\" x1=\"8\" y1=\"0\" x2=\"8\" y2=\"16\"/></svg> now</li></ul>\n";

    // An interval cut at the zone's midnights: (day row, minute of the wall clock it starts at, minute it ends at).
    private static IEnumerable<(int Day, int From, int To)> Pieces(WeekTimeline week, TimelineInterval interval)
    {
        var first = week.WeekStart.InZone(week.Zone).Date;
        var at = interval.Start;
        while (at < interval.End)
        {
            var local = at.InZone(week.Zone);
            var midnight = week.Zone.AtStartOfDay(local.Date.PlusDays(1)).ToInstant();
            var end = midnight < interval.End ? midnight : interval.End;
            var day = Period.Between(first, local.Date, PeriodUnits.Days).Days;
            var endLocal = end.InZone(week.Zone);
            var to = end == midnight ? 24 * 60 : (endLocal.Hour * 60) + endLocal.Minute;
            yield return (day, (local.Hour * 60) + local.Minute, to);
            at = end;
        }
    }

    private static string Local(Instant at, DateTimeZone zone) =>
        at.InZone(zone).ToString("ddd HH:mm", CultureInfo.InvariantCulture);

    private static int X(int minute) => Left + (minute * Width / (24 * 60));

    private static int Y(int day) => Top + (day * (RowHeight + RowGap));
}
