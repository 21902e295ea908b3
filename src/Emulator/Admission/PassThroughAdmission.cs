namespace Tarnfui.Emulator.Admission;

/// <summary>Admits everything unchanged.</summary>
public sealed class PassThroughAdmission : IAdmissionStep
{
    public Task<AdmissionResult> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken) =>
        Task.FromResult(AdmissionResult.Allow(attributes.NewObject));
}
