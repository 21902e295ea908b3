namespace Tarnfui.Emulator.Admission;

/// <summary>
/// Who made a request: what authentication resolves a token to and what an AdmissionReview's <c>userInfo</c> carries
/// (a null <see cref="Uid"/> is left out of the review).
/// </summary>
public sealed record UserInfo(string Username, IReadOnlyList<string> Groups, string? Uid = null);
