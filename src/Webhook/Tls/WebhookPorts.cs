using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Tarnfui.Webhook.Tls;

/// <summary>Kestrel: HTTPS (TLS 1.2+, certificate from <see cref="CertificateStore"/>) for admission, plain HTTP for probes.</summary>
public static class WebhookPorts
{
    public static IWebHostBuilder UseTarnfuiPorts(this IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        return webHost.ConfigureKestrel((_, kestrel) =>
        {
            // Read at start, after every configuration source and override is in place.
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<WebhookOptions>>().Value;
            var store = kestrel.ApplicationServices.GetRequiredService<CertificateStore>();
            var address = IPAddress.Parse(options.ListenAddress);
            kestrel.Limits.MaxRequestBodySize = Admission.AdmissionEndpoints.MaxBodyBytes;

            // A request holds its share of the body budget while its body arrives, so a sender that trickles must
            // not keep it for long: Kestrel's default rate (240 B/s) would let a body of the largest size take
            // hours, where the API server sends a review in one go.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 64 * 1024, gracePeriod: TimeSpan.FromSeconds(5));
            kestrel.Listen(address, options.HttpsPort, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = store.Context
                        ?? throw new AuthenticationException($"no serving certificate loaded from {store.CertificatePath}"),
                    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }),
            }));
            kestrel.Listen(address, options.HttpPort);
        });
    }
}
