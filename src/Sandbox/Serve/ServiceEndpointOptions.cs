using System.CommandLine;
using System.Net;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sandbox.Serve;

/// <summary>
/// <c>sandbox serve --service NAMESPACE/NAME=HOST:PORT</c> (repeatable): where a Service's endpoint is, so that a
/// MutatingWebhookConfiguration with a <c>clientConfig.service</c> (the shipped one) calls a webhook running as its own
/// process, e.g. <c>--service tarnfui/tarnfui-webhook=127.0.0.1:8443</c>.
/// </summary>
public static class ServiceEndpointOptions
{
    public static Func<ParseResult, EmulatorOptions, EmulatorOptions> AddTo(Command serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var services = new Option<string[]>("--service")
        {
            Description = "NAMESPACE/NAME=HOST:PORT: webhooks of Service NAMESPACE/NAME are called at HOST:PORT, "
                + "its certificate checked for NAME.NAMESPACE.svc (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        serve.Add(services);

        return (result, options) =>
        {
            var endpoints = new Dictionary<string, DnsEndPoint>(options.ServiceEndpoints, StringComparer.Ordinal);
            foreach (var text in result.GetValue(services) ?? [])
            {
                var route = ServiceRoutes.Parse(text);
                if (!route.IsValid)
                {
                    throw new ArgumentException($"--service {route.Error}");
                }

                if (!endpoints.TryAdd(route.Value.Key, route.Value.Endpoint))
                {
                    throw new ArgumentException($"--service names {route.Value.Key} twice; give each Service one endpoint, got \"{text}\"");
                }
            }

            return options with { ServiceEndpoints = endpoints };
        };
    }
}
