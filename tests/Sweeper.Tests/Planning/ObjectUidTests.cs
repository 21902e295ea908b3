using CsCheck;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

/// <summary>
/// The caches keep UIDs compact, and a UID must come back exactly as the API server wrote it (patches test it, Events
/// name it), and compare as the string does: UIDs are opaque, case-sensitive strings.
/// </summary>
public class ObjectUidTests
{
    [Theory]
    [InlineData("6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("6F1C2D4E-8A9B-4C3D-9E8F-0A1B2C3D4E5F")]
    [InlineData("6f1c2d4e8a9b4c3d9e8f0a1b2c3d4e5f")]
    [InlineData("{6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f}")]
    [InlineData("uid-1")]
    [InlineData("")]
    public void A_uid_comes_back_as_it_was_read(string uid) => ObjectUid.Of(uid).ToString().ShouldBe(uid);

    [Fact]
    public void Uids_that_differ_only_in_case_are_different_uids()
    {
        ObjectUid lower = "6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f";
        ObjectUid upper = "6F1C2D4E-8A9B-4C3D-9E8F-0A1B2C3D4E5F";

        (lower == upper).ShouldBeFalse();
        lower.ShouldBe(ObjectUid.Of("6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f"));
        lower.GetHashCode().ShouldBe(ObjectUid.Of("6f1c2d4e-8a9b-4c3d-9e8f-0a1b2c3d4e5f").GetHashCode());
    }

    [Fact]
    public void Any_two_uids_compare_as_their_strings_do_and_round_trip()
    {
        var uid = Gen.OneOf(Gen.Guid.Select(g => g.ToString("D")), Gen.Guid.Select(g => g.ToString("D").ToUpperInvariant()), Gen.String, Gen.Const("uid-1"));

        Gen.Select(uid, uid).Sample((a, b) =>
            ObjectUid.Of(a).ToString() == a
            && (ObjectUid.Of(a) == ObjectUid.Of(b)) == string.Equals(a, b, StringComparison.Ordinal)
            && (!string.Equals(a, b, StringComparison.Ordinal) || ObjectUid.Of(a).GetHashCode() == ObjectUid.Of(b).GetHashCode()));
    }
}
