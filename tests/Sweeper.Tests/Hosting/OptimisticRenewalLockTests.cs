using k8s.LeaderElection;
using Tarnfui.Sweeper.Hosting;

namespace Tarnfui.Sweeper.Tests.Hosting;

public class OptimisticRenewalLockTests
{
    private const string Me = "sweeper-one";

    public static TheoryData<string, bool, string, Outcome, bool> Cases => new()
    {
        { "renewal (update) as holder", false, Me, Outcome.Succeeds, true },
        { "acquisition (create) as holder", true, Me, Outcome.Succeeds, true },
        { "renewal refused (409: someone wrote the Lease since)", false, Me, Outcome.Refused, false },
        { "acquisition refused", true, Me, Outcome.Refused, false },
        { "renewal that threw (the Lease is gone, a timeout)", false, Me, Outcome.Throws, false },
        { "update that hands the Lease to no one (a release)", false, "", Outcome.Succeeds, false },
        { "update written for another holder", false, "sweeper-two", Outcome.Succeeds, false },
    };

    public enum Outcome
    {
        Succeeds,
        Refused,
        Throws,
    }

    [Theory, MemberData(nameof(Cases))]
    public async Task Only_a_write_that_succeeded_with_this_identity_as_holder_spares_the_next_read(string because, bool create, string holder, Outcome outcome, bool spared)
    {
        var inner = new ScriptedLock();
        var optimistic = new OptimisticRenewalLock(inner);
        var record = new LeaderElectionRecord { HolderIdentity = holder };

        inner.Next = outcome;
        var write = create ? optimistic.CreateAsync(record) : optimistic.UpdateAsync(record);
        if (outcome == Outcome.Throws)
        {
            await Should.ThrowAsync<HttpRequestException>(write);
        }
        else
        {
            (await write).ShouldBe(outcome == Outcome.Succeeds, because);
        }

        var read = await optimistic.GetAsync();

        inner.Reads.ShouldBe(spared ? 0 : 1, because);
        if (spared)
        {
            read.ShouldBeSameAs(record, because);
        }
    }

    [Fact]
    public async Task A_failed_renewal_after_successful_ones_sends_the_next_read_to_the_server()
    {
        var inner = new ScriptedLock();
        var optimistic = new OptimisticRenewalLock(inner);
        for (var i = 0; i < 3; i++)
        {
            var record = await optimistic.GetAsync();
            (await optimistic.UpdateAsync(new LeaderElectionRecord { HolderIdentity = Me, LeaderTransitions = record.LeaderTransitions })).ShouldBeTrue();
        }

        inner.Reads.ShouldBe(1, "only the first attempt reads: each renewal after it starts from the record it wrote");

        inner.Next = Outcome.Refused;
        (await optimistic.UpdateAsync(new LeaderElectionRecord { HolderIdentity = Me })).ShouldBeFalse();
        var seen = await optimistic.GetAsync();

        inner.Reads.ShouldBe(2, "a refused renewal means the Lease changed: the next attempt reads it");
        seen.HolderIdentity.ShouldBe(ScriptedLock.ServerHolder);
    }

    /// <summary>A lock whose reads are counted and whose next write succeeds, is refused or throws.</summary>
    private sealed class ScriptedLock : ILock
    {
        public const string ServerHolder = "as-on-the-server";

        public Outcome Next { get; set; } = Outcome.Succeeds;

        public int Reads { get; private set; }

        public string Identity => Me;

        public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default)
        {
            Reads++;
            return Task.FromResult(new LeaderElectionRecord { HolderIdentity = ServerHolder });
        }

        public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => WriteAsync();

        public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => WriteAsync();

        public string Describe() => "tarnfui/tarnfui-sweeper";

        private Task<bool> WriteAsync() => Next switch
        {
            Outcome.Throws => Task.FromException<bool>(new HttpRequestException("connection refused")),
            var outcome => Task.FromResult(outcome == Outcome.Succeeds),
        };
    }
}
