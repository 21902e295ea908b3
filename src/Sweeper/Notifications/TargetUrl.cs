namespace Tarnfui.Sweeper.Notifications;

/// <summary>A receiver's URL: parsed once, and shown in logs without what may be secret in it.</summary>
internal static class TargetUrl
{
    public static bool TryParse(string text, out Uri url)
    {
        url = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
        {
            return false;
        }

        url = parsed;
        return true;
    }

    /// <summary>
    /// Scheme, host and port only: the user info and the query may hold a token, and a Slack webhook's path is its
    /// secret, so the path is left out too.
    /// </summary>
    public static string Redacted(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return $"{url.Scheme}://{url.Authority}/…";
    }

    /// <summary>The URL of a target, read from its file when it has one (validated at start).</summary>
    public static Uri Resolve(NotificationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Url ?? File.ReadAllText(target.UrlFile!).Trim();
        return TryParse(text, out var url) ? url : throw new InvalidOperationException($"target {target.Name} has no valid URL");
    }
}
