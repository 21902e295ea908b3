namespace Tarnfui.Emulator.Admission;

/// <summary>
/// The admission hook of the API: every CREATE/UPDATE/DELETE of a main resource and every UPDATE of a
/// <c>/scale</c> or <c>/status</c> goes through it before the store write. The API registers
/// <see cref="PassThroughAdmission"/>; <see cref="MutatingAdmission"/> (webhooks) replaces it.
/// </summary>
public interface IAdmissionStep
{
    Task<AdmissionResult> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken);
}
