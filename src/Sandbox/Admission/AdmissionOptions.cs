namespace Tarnfui.Sandbox.Admission;

/// <summary>
/// How the sandbox reaches webhooks registered with a <c>clientConfig.service</c>: in a cluster the API
/// server dials <c>&lt;name&gt;.&lt;namespace&gt;.svc:&lt;port&gt;</c>; here a map sends that service to a loopback
/// base URL (the TLS name checked is still the service's DNS name, as a real server checks it).
/// </summary>
public sealed class AdmissionOptions
{
    private readonly Dictionary<(string Namespace, string Name, int Port), Uri> _services = [];

    /// <summary>Used when a webhook sets no <c>timeoutSeconds</c> (the API's default is 10).</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Sends service <paramref name="ns"/>/<paramref name="name"/>:<paramref name="port"/> to <paramref name="baseUrl"/>.</summary>
    public AdmissionOptions MapService(string ns, string name, int port, Uri baseUrl)
    {
        lock (_services)
        {
            _services[(ns, name, port)] = baseUrl;
        }

        return this;
    }

    /// <summary>The loopback base URL of a service, or null when none is mapped.</summary>
    public Uri? ResolveService(string ns, string name, int port)
    {
        lock (_services)
        {
            return _services.GetValueOrDefault((ns, name, port));
        }
    }
}
