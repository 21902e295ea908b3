using NodaTime;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Core.Policy;

/// <summary>Merges the transition instants of several specs into one ascending, de-duplicated sequence.</summary>
internal static class TransitionMerge
{
    public static IEnumerable<Instant> Merge(Instant from, Duration horizon, params ScheduleSpec[] specs)
    {
        var cursors = new List<IEnumerator<ScheduleTransition>>(specs.Length);
        try
        {
            foreach (var spec in specs)
            {
                var cursor = spec.TransitionsAfter(from, horizon).GetEnumerator();
                if (cursor.MoveNext())
                {
                    cursors.Add(cursor);
                }
                else
                {
                    cursor.Dispose();
                }
            }

            Instant? last = null;
            while (cursors.Count > 0)
            {
                var earliest = 0;
                for (var i = 1; i < cursors.Count; i++)
                {
                    if (cursors[i].Current.At < cursors[earliest].Current.At)
                    {
                        earliest = i;
                    }
                }

                var at = cursors[earliest].Current.At;
                if (last != at)
                {
                    yield return at;
                    last = at;
                }

                if (!cursors[earliest].MoveNext())
                {
                    cursors[earliest].Dispose();
                    cursors.RemoveAt(earliest);
                }
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                cursor.Dispose();
            }
        }
    }
}
