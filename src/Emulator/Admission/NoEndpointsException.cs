namespace Tarnfui.Emulator.Admission;

/// <summary>
/// A Service with no endpoint to dial (<see cref="ServiceRoutes"/>): the webhook call fails as an unreachable webhook's
/// does, with kube-apiserver's message, and the webhook's failurePolicy decides.
/// </summary>
public sealed class NoEndpointsException(string message) : IOException(message);
