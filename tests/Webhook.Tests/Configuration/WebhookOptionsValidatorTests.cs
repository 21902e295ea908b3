namespace Tarnfui.Webhook.Tests.Configuration;

public class WebhookOptionsValidatorTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json");

    public static TheoryData<string, Action<WebhookOptions>, string?> Cases => new()
    {
        { "the defaults are valid", _ => { }, null },
        { "modes are case-insensitive", o => o.Mode = "Deny", null },
        { "an unknown mode", o => o.Mode = "x", "Webhook:Mode must be one of zero, deny, warn, got \"x\"" },
        { "a numeric mode is not a mode", o => o.Mode = "1", "Webhook:Mode must be one of zero, deny, warn, got \"1\"" },
        { "no sweeper user", o => o.SweeperUsername = " ", "Webhook:SweeperUsername must name the sweeper's user" },
        { "no key file", o => o.KeyPath = "", "Webhook:CertificatePath and Webhook:KeyPath must name the PEM certificate and key files" },
        { "a host name is not an address", o => o.ListenAddress = "localhost", "Webhook:ListenAddress must be an IP address such as 0.0.0.0 or 127.0.0.1, got \"localhost\"" },
        { "a port out of range", o => o.HttpsPort = 70000, "Webhook:HttpsPort must be a port from 0 to 65535, got \"70000\"" },
        { "both sides on one port", o => o.HttpPort = o.HttpsPort, "Webhook:HttpsPort and Webhook:HttpPort must differ, got \"8443\" for both" },
        { "a zero timeout", o => o.ParentReadTimeout = TimeSpan.Zero, "Webhook:ParentReadTimeout must be positive, got \"0s\"" },
        { "an empty client CA asks for no client certificate", o => o.ClientCaFile = "", null },
        { "a client CA file that does not exist", o => o.ClientCaFile = "/etc/tarnfui/client-ca/missing.crt", "Webhook:ClientCaFile must name a readable PEM bundle of CA certificates (or be empty), got \"/etc/tarnfui/client-ca/missing.crt\": no such file" },
        { "a client CA file that is a folder", o => o.ClientCaFile = AppContext.BaseDirectory, $"Webhook:ClientCaFile must name a readable PEM bundle of CA certificates (or be empty), got \"{AppContext.BaseDirectory}\": " },
        { "a client CA file with no certificate in it", o => o.ClientCaFile = Fixture, $"Webhook:ClientCaFile must name a readable PEM bundle of CA certificates (or be empty), got \"{Fixture}\": the file holds no PEM certificate" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Validation_names_the_key_and_the_value(string because, Action<WebhookOptions> change, string? expected)
    {
        var options = new WebhookOptions();
        change(options);

        var result = new WebhookOptionsValidator().Validate(null, options);

        if (expected is null)
        {
            result.Succeeded.ShouldBeTrue(because);
        }
        else
        {
            result.FailureMessage.ShouldStartWith(expected, customMessage: because);
        }
    }
}
