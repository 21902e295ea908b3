namespace Tarnfui.Emulator.Api;

/// <summary>Who made a request, as an AdmissionReview's <c>userInfo</c> carries it.</summary>
public sealed record UserInfo(string Username, string Uid, IReadOnlyList<string> Groups);
