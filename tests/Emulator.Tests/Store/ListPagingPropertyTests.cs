using System.Text.Json.Nodes;
using CsCheck;
using NodaTime.Testing;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Store;

public sealed class ListPagingPropertyTests
{
    // "a" and "ab": a namespace whose name extends another's sorts right after it, the edge of a namespace's key range.
    private static readonly string[] Namespaces = ["a", "ab", "b"];

    [Fact]
    public void Paging_serves_each_object_of_the_scope_once_and_counts_what_is_left_on_every_page_but_the_last()
    {
        var scopes = Gen.Int[0, Namespaces.Length].Select(i => i == Namespaces.Length ? null : Namespaces[i]);
        Gen.Select(Gen.Int[0, 9].Array[Namespaces.Length], Gen.Int[1, 5], scopes).Sample((counts, limit, scope) =>
        {
            var store = new ObjectStore(FakeClock.FromUtc(2026, 11, 23, 9, 0, 0), historyCapacity: 100);
            var expected = new List<string>();
            for (var n = 0; n < Namespaces.Length; n++)
            {
                store.Create(ResourceTypes.Namespaces, new JsonObject { ["metadata"] = new JsonObject { ["name"] = Namespaces[n] } });
                var names = Enumerable.Range(0, counts[n]).Select(i => $"d{i}").ToList();
                store.CreateMany(ResourceTypes.Deployments, names.Select(name => new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Namespaces[n] },
                }));
                if (scope is null || scope == Namespaces[n])
                {
                    expected.AddRange(names.Select(name => $"{Namespaces[n]}/{name}"));
                }
            }

            var served = new List<string>();
            string? token = null;
            do
            {
                var page = store.List(ResourceTypes.Deployments, scope, new ListQuery(Limit: limit, Continue: token));
                served.AddRange(page.Items.Select(o => o.Key.ToString()));
                token = page.Continue;
                page.RemainingItemCount.ShouldBe(token is null ? null : expected.Count - served.Count, $"after {served.Count} of {expected.Count}");
            }
            while (token is not null);

            served.ShouldBe(expected);
        });
    }
}
