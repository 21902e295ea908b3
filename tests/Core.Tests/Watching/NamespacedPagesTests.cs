using Tarnfui.Core.Watching;

namespace Tarnfui.Core.Tests.Watching;

public class NamespacedPagesTests
{
    // Each namespace has pages of its own; "b" has none at all.
    private static readonly Dictionary<string, string[][]> Pages = new()
    {
        ["a"] = [["a1", "a2"], ["a3"]],
        ["b"] = [[]],
        ["c"] = [["c1"], ["c2"], ["c3"]],
    };

    private static readonly string[] Namespaces = ["a", "b", "c"];

    private static Task<ListPage<string>> ListAsync(int index, string? token, CancellationToken cancellationToken)
    {
        var pages = Pages[Namespaces[index]];
        var page = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(new ListPage<string>(pages[page], page + 1 < pages.Length ? (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null, "rv-" + Namespaces[index]));
    }

    [Fact]
    public async Task Paging_through_the_namespaces_returns_each_namespaces_items_in_turn()
    {
        var items = new List<string>();
        var origins = new List<int>();
        string? token = null;
        do
        {
            var (page, index) = await NamespacedPages.NextAsync(Namespaces.Length, token, ListAsync, CancellationToken.None);
            items.AddRange(page.Items);
            origins.Add(index);
            token = page.Continue;
        }
        while (token is not null);

        items.ShouldBe(["a1", "a2", "a3", "c1", "c2", "c3"]);
        origins.ShouldBe([0, 0, 1, 2, 2, 2]);
    }

    [Theory]
    [InlineData("3:")]
    [InlineData("x:1")]
    [InlineData("nocolon")]
    public async Task A_token_of_another_list_is_refused(string token) =>
        (await Should.ThrowAsync<ArgumentException>(() => NamespacedPages.NextAsync(Namespaces.Length, token, ListAsync, CancellationToken.None)))
            .Message.ShouldContain("is not a continue token of a list over 3 namespaces");
}
