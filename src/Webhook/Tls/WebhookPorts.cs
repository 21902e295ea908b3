using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace Tarnfui.Webhook.Tls;

/// <summary>
/// Kestrel: HTTPS (TLS 1.2+, certificate from <see cref="CertificateStore"/>, and a client certificate from one of
/// <see cref="ClientCaStore"/>'s CAs when <c>Webhook:ClientCaFile</c> is set) for admission, plain HTTP for probes.
/// </summary>
internal static class WebhookPorts
{
    public static IWebHostBuilder UseTarnfuiPorts(this IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        return webHost.ConfigureKestrel((_, kestrel) =>
        {
            // Read at start, after every configuration source and override is in place.
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<WebhookOptions>>().Value;
            var store = kestrel.ApplicationServices.GetRequiredService<CertificateStore>();
            var clientCas = kestrel.ApplicationServices.GetRequiredService<ClientCaStore>();
            var address = IPAddress.Parse(options.ListenAddress);
            kestrel.Limits.MaxRequestBodySize = Admission.AdmissionEndpoints.MaxBodyBytes;

            // A request holds its share of the body budget while its body arrives, so a sender that trickles must
            // not keep it for long: Kestrel's default rate (240 B/s) would let a body of the largest size take
            // hours, where the API server sends a review in one go.
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 64 * 1024, gracePeriod: TimeSpan.FromSeconds(5));
            kestrel.Listen(address, options.HttpsPort, listen => listen.UseHttps(new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => AuthenticationAsync(store, clientCas),
            }));
            kestrel.Listen(address, options.HttpPort);
        });
    }

    // Built per connection, so that each handshake takes the certificate and client CAs of the moment.
    private static async ValueTask<SslServerAuthenticationOptions> AuthenticationAsync(CertificateStore store, ClientCaStore clientCas)
    {
        var context = store.ContextAsync() ?? throw new AuthenticationException($"no serving certificate loaded from {store.CertificatePath}");
        var authentication = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = await context,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        };
        if (clientCas.Required)
        {
            // Refused in the handshake, not with a 401 or 403: a caller without the certificate never reaches HTTP,
            // so it can neither read a decision nor make the webhook read a body. Without a CA loaded, nobody passes.
            authentication.ClientCertificateRequired = true;
            authentication.CertificateChainPolicy = clientCas.Current is null
                ? throw new AuthenticationException($"no client CA loaded from {clientCas.Path}")
                : clientCas.ChainPolicy();
            authentication.RemoteCertificateValidationCallback = (_, certificate, _, errors) => clientCas.Accept(certificate, errors);
        }

        return authentication;
    }
}
