using System.Globalization;

namespace Tarnfui.Core.Watching;

/// <summary>
/// Pages through several namespaces' LIST in turn as one list: the continue token carries the namespace's index and
/// that namespace's own token (<c>2:eyJ2…</c>), so a caller pages as it would through one cluster-wide list.
/// </summary>
public static class NamespacedPages
{
    /// <summary>The next page and the index of the namespace it came from.</summary>
    /// <param name="count">How many namespaces.</param>
    /// <param name="continueToken">The token of the previous page; null for the first.</param>
    /// <param name="list">Lists one page of namespace <c>i</c> from its own token (null: its first page).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public static async Task<(ListPage<TRaw> Page, int Index)> NextAsync<TRaw>(
        int count, string? continueToken, Func<int, string?, CancellationToken, Task<ListPage<TRaw>>> list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        var (index, inner) = Split(continueToken, count);
        var page = await list(index, inner, cancellationToken);
        var next = page.Continue is { Length: > 0 } more ? Join(index, more) : index + 1 < count ? Join(index + 1, null) : null;
        return (page with { Continue = next }, index);
    }

    private static string Join(int index, string? inner) => index.ToString(CultureInfo.InvariantCulture) + ":" + inner;

    private static (int Index, string? Inner) Split(string? token, int count)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (0, null);
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !int.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
        {
            throw new ArgumentException($"\"{token}\" is not a continue token of a list over {count.ToString(CultureInfo.InvariantCulture)} namespaces.", nameof(token));
        }

        var inner = token[(colon + 1)..];
        return (index, inner.Length == 0 ? null : inner);
    }
}
