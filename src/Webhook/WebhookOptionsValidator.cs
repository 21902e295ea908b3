using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Durations;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook;

/// <summary>Fails start-up with a message that names the key and the value.</summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    private const string S = WebhookOptions.Section;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Mode is null || !Enum.TryParse<WebhookMode>(options.Mode.Trim(), ignoreCase: true, out _) || int.TryParse(options.Mode, out _))
        {
            failures.Add($"{S}:{nameof(options.Mode)} must be one of zero, deny, warn, got \"{options.Mode}\"");
        }

        if (string.IsNullOrWhiteSpace(options.SweeperUsername))
        {
            failures.Add($"{S}:{nameof(options.SweeperUsername)} must name the sweeper's user, e.g. \"{WebhookOptions.DefaultSweeperUsername}\", got \"{options.SweeperUsername}\"");
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath) || string.IsNullOrWhiteSpace(options.KeyPath))
        {
            failures.Add($"{S}:{nameof(options.CertificatePath)} and {S}:{nameof(options.KeyPath)} must name the PEM certificate and key files, got \"{options.CertificatePath}\" and \"{options.KeyPath}\"");
        }

        if (!string.IsNullOrWhiteSpace(options.ClientCaFile) && ClientCaProblem(options.ClientCaFile) is { } problem)
        {
            failures.Add($"{S}:{nameof(options.ClientCaFile)} must name a readable PEM bundle of CA certificates (or be empty), got \"{options.ClientCaFile}\": {problem}");
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            failures.Add($"{S}:{nameof(options.ListenAddress)} must be an IP address such as 0.0.0.0 or 127.0.0.1, got \"{options.ListenAddress}\"");
        }

        foreach (var (key, port) in new[] { (nameof(options.HttpsPort), options.HttpsPort), (nameof(options.HttpPort), options.HttpPort) })
        {
            if (port is < 0 or > 65535)
            {
                failures.Add($"{S}:{key} must be a port from 0 to 65535, got \"{port}\"");
            }
        }

        if (options.HttpsPort == options.HttpPort && options.HttpPort != 0)
        {
            failures.Add($"{S}:{nameof(options.HttpsPort)} and {S}:{nameof(options.HttpPort)} must differ, got \"{options.HttpPort}\" for both");
        }

        if (options.ParentReadTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{S}:{nameof(options.ParentReadTimeout)} must be positive, got \"{GoDuration.Format(options.ParentReadTimeout)}\"");
        }

        if (options.CertificateCheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"{S}:{nameof(options.CertificateCheckInterval)} must be positive, got \"{GoDuration.Format(options.CertificateCheckInterval)}\"");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // Read at start as the store will read it, so that a wrong path stops the program instead of every handshake.
    private static string? ClientCaProblem(string path)
    {
        try
        {
            ClientCaStore.Parse(File.ReadAllBytes(path));
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return "no such file";
        }
        catch (UnauthorizedAccessException)
        {
            return "not readable";
        }
        catch (Exception e) when (e is IOException or CryptographicException)
        {
            return e.Message;
        }
    }
}
