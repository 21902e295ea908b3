namespace Tarnfui.Core.Schedule;

/// <summary>
/// How large a spec may be. A spec beyond either limit is invalid, like any other unreadable spec: the workload is
/// left alone and the message names the limit. Both are checked before any part is read, so a rejection costs a
/// pass over the text whatever its size.
/// </summary>
/// <remarks>
/// Annotations may hold 256 KiB, and anyone who may edit a workload writes its spec: the limits keep what one
/// tenant writes from costing every admission and every sweep. Office hours with a lunch break on each day of the
/// week (14 parts) and a dozen absolute ranges make 26 parts and about 1,100 characters; the limits leave several
/// times that.
/// <c>Schedule:Holidays</c> is read as one spec, so its dates count together.
/// </remarks>
public static class ScheduleLimits
{
    /// <summary>The most comma-separated parts a spec may have.</summary>
    public const int MaxParts = 100;

    /// <summary>
    /// The most characters a spec may have: room for <see cref="MaxParts"/> absolute ranges with offsets, or the
    /// longest zone ids, written with a blank after each comma.
    /// </summary>
    public const int MaxLength = 8192;
}
