using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// How the sandbox calls webhooks: where a <c>clientConfig.service</c> is dialled (<see cref="Services"/>; the TLS name
/// checked is still the service's DNS name, as a real server checks it), the default timeout, and the client
/// certificates presented.
/// </summary>
public sealed class AdmissionOptions
{
    private readonly Dictionary<string, X509Certificate2> _clientCertificates = new(StringComparer.Ordinal);

    /// <summary>Used when a webhook sets no <c>timeoutSeconds</c> (the API's default is 10).</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The endpoint each Service stands for (<see cref="Server.EmulatorOptions.ServiceEndpoints"/> and <see cref="MapService"/>).</summary>
    public ServiceRoutes Services { get; init; } = new();

    /// <summary>Sends Service <paramref name="ns"/>/<paramref name="name"/> (any of its ports) to <paramref name="endpoint"/>.</summary>
    public AdmissionOptions MapService(string ns, string name, DnsEndPoint endpoint)
    {
        Services.Map(ns, name, endpoint);
        return this;
    }

    /// <summary>
    /// Presents <paramref name="certificate"/> (with its key) to the webhooks named <paramref name="name"/>, as
    /// kube-apiserver does for a <c>users[].name</c> of the kubeconfig its AdmissionConfiguration names: a service's
    /// DNS name <c>&lt;name&gt;.&lt;namespace&gt;.svc</c> (<c>:&lt;port&gt;</c> unless 443), a URL's host
    /// (<c>:&lt;port&gt;</c> when the URL has one), or <c>*</c> for every webhook. Without one, no certificate is presented.
    /// </summary>
    public AdmissionOptions PresentClientCertificate(string name, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_clientCertificates)
        {
            _clientCertificates[name] = certificate;
        }

        return this;
    }

    /// <summary>The client certificate presented to the webhook named <paramref name="name"/>, or null.</summary>
    public X509Certificate2? ClientCertificateFor(string name)
    {
        lock (_clientCertificates)
        {
            return _clientCertificates.GetValueOrDefault(name) ?? _clientCertificates.GetValueOrDefault("*");
        }
    }
}
