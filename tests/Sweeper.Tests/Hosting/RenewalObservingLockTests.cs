using k8s.LeaderElection;
using Tarnfui.Sweeper.Hosting;

namespace Tarnfui.Sweeper.Tests.Hosting;

public class RenewalObservingLockTests
{
    private const string Me = "sweeper-one";

    public static TheoryData<string, bool, string, bool, bool> Cases => new()
    {
        { "renewal (update) as holder", false, Me, true, true },
        { "acquisition (create) as holder", true, Me, true, true },
        { "renewal refused (409: the Lease changed since it was read)", false, Me, false, false },
        { "acquisition refused", true, Me, false, false },
        { "update that hands the Lease to no one (a release)", false, "", true, false },
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Only_a_Lease_write_that_succeeded_with_this_identity_as_holder_opens_the_fence(string because, bool create, string holder, bool succeeds, bool open)
    {
        var (fence, time, _, _) = LeadershipFenceTests.Fence();
        var observed = new RenewalObservingLock(new ScriptedLock(succeeds, time, TimeSpan.Zero), fence);
        var record = new LeaderElectionRecord { HolderIdentity = holder };

        var written = create ? await observed.CreateAsync(record) : await observed.UpdateAsync(record);

        written.ShouldBe(succeeds, because);
        fence.IsOpen.ShouldBe(open, because);
    }

    [Fact]
    public async Task A_renewal_is_dated_when_it_was_sent_not_when_it_was_answered()
    {
        var (fence, time, _, _) = LeadershipFenceTests.Fence();
        var observed = new RenewalObservingLock(new ScriptedLock(true, time, TimeSpan.FromSeconds(3)), fence);

        await observed.UpdateAsync(new LeaderElectionRecord { HolderIdentity = Me });
        time.Advance(TimeSpan.FromSeconds(7.5));

        fence.IsOpen.ShouldBeFalse("10.5s since the renewal was sent, though only 7.5s since it was answered");
    }

    /// <summary>A lock whose writes succeed or not, taking <c>takes</c> on the stepped clock.</summary>
    private sealed class ScriptedLock(bool succeeds, SteppedTimestamps time, TimeSpan takes) : ILock
    {
        public string Identity => Me;

        public Task<LeaderElectionRecord> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(new LeaderElectionRecord());

        public Task<bool> CreateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => WriteAsync();

        public Task<bool> UpdateAsync(LeaderElectionRecord record, CancellationToken cancellationToken = default) => WriteAsync();

        public string Describe() => "tarnfui/tarnfui-sweeper";

        private Task<bool> WriteAsync()
        {
            time.Advance(takes);
            return Task.FromResult(succeeds);
        }
    }
}
