namespace Tarnfui.Sweeper.Tests.Integration.Morning;

/// <summary>Which restore the model applies.</summary>
public enum RestoreRules
{
    /// <summary>Issue 14's: the held count is the recorded one; an invalid annotation falls back to the global schedule.</summary>
    Intended,

    /// <summary>
    /// Today's code's: the held count is read from today's <c>downtime-replicas</c>, an invalid annotation holds. Only
    /// to tell a failure these explain from one they do not; remove it once the fixes are in.
    /// </summary>
    Today,
}
