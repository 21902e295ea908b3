using k8s.Models;

namespace Tarnfui.Emulator.Admission;

/// <summary>Where admission reads the webhook registrations and namespace labels from (the store).</summary>
public interface IAdmissionSource
{
    /// <summary>Every stored <c>admissionregistration.k8s.io/v1</c> MutatingWebhookConfiguration.</summary>
    IReadOnlyList<V1MutatingWebhookConfiguration> MutatingWebhookConfigurations();

    /// <summary>The labels of namespace <paramref name="name"/>, or null when it does not exist.</summary>
    IDictionary<string, string>? NamespaceLabels(string name);
}
