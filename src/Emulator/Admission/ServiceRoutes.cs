using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Tarnfui.Core;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// Where a webhook's <c>clientConfig.service</c> is dialled. kube-apiserver resolves a Service to one of its endpoints
/// (a ready pod's address and target port, from the Service's Endpoints) when it opens the connection; the emulator has
/// no pods to route to, so each Service is mapped to the address of the process that stands for its endpoint. A
/// Service with no mapping fails the call as one without endpoints does.
/// </summary>
public sealed partial class ServiceRoutes
{
    private readonly ConcurrentDictionary<(string Namespace, string Name), DnsEndPoint> _endpoints = new();

    /// <summary>Routes from <c>namespace/name</c> keys (<see cref="Server.EmulatorOptions.ServiceEndpoints"/>).</summary>
    public static ServiceRoutes From(IReadOnlyDictionary<string, DnsEndPoint>? endpoints)
    {
        CheckKeys(endpoints);
        var routes = new ServiceRoutes();
        foreach (var (key, endpoint) in endpoints ?? new Dictionary<string, DnsEndPoint>())
        {
            var service = ParseService(key).Value;
            routes.Map(service.Namespace, service.Name, endpoint);
        }

        return routes;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first key that is not <c>namespace/name</c>.</summary>
    public static void CheckKeys(IReadOnlyDictionary<string, DnsEndPoint>? endpoints)
    {
        foreach (var key in endpoints?.Keys ?? [])
        {
            if (ParseService(key).Error is { } error)
            {
                throw new ArgumentException($"ServiceEndpoints: {error}", nameof(endpoints));
            }
        }
    }

    /// <summary>Sends Service <paramref name="ns"/>/<paramref name="name"/>, whatever its port, to <paramref name="endpoint"/>.</summary>
    public ServiceRoutes Map(string ns, string name, DnsEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoints[(ns, name)] = endpoint;
        return this;
    }

    /// <summary>The endpoint of a Service, or null when it has none.</summary>
    public DnsEndPoint? Resolve(string ns, string name) => _endpoints.GetValueOrDefault((ns, name));

    /// <summary>
    /// Opens a TCP connection to the Service's endpoint, as kube-apiserver's webhook dialer does: the URL keeps the
    /// Service's DNS name and port, only the connection goes elsewhere.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(string ns, string name, CancellationToken cancellationToken)
    {
        // kube-apiserver's ResolveEndpoint answers this when a Service has no ready endpoint (proxy.go).
        var endpoint = Resolve(ns, name) ?? throw new NoEndpointsException($"no endpoints available for service \"{name}\"");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads <c>NAMESPACE/NAME=HOST:PORT</c>, as <c>sandbox serve --service</c> takes it, e.g.
    /// <c>tarnfui/tarnfui-webhook=127.0.0.1:8443</c>.
    /// </summary>
    public static ParseResult<(string Key, DnsEndPoint Endpoint)> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Example = "e.g. \"tarnfui/tarnfui-webhook=127.0.0.1:8443\"";
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return Fail($"must be NAMESPACE/NAME=HOST:PORT, {Example}, got \"{text}\"");
        }

        var service = ParseService(text[..equals]);
        if (!service.IsValid)
        {
            return Fail($"{service.Error}, in \"{text}\"");
        }

        var address = text[(equals + 1)..];
        var colon = address.LastIndexOf(':');
        var host = colon > 0 ? address[..colon].Trim('[', ']') : "";
        if (host.Length == 0
            || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return Fail($"the endpoint must be HOST:PORT with a port from 1 to 65535, {Example}, got \"{address}\" in \"{text}\"");
        }

        return ParseResult<(string, DnsEndPoint)>.Ok(($"{service.Value.Namespace}/{service.Value.Name}", new DnsEndPoint(host, port)));

        static ParseResult<(string, DnsEndPoint)> Fail(string error) => ParseResult<(string, DnsEndPoint)>.Fail(error);
    }

    private static ParseResult<(string Namespace, string Name)> ParseService(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || !DnsLabel().IsMatch(parts[0]) || !DnsLabel().IsMatch(parts[1]))
        {
            return ParseResult<(string, string)>.Fail(
                $"the service must be NAMESPACE/NAME, each a lowercase DNS label (a-z, 0-9, '-'), e.g. \"tarnfui/tarnfui-webhook\", got \"{key}\"");
        }

        return ParseResult<(string, string)>.Ok((parts[0], parts[1]));
    }

    // RFC 1123 label, what Kubernetes requires of namespace and Service names.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
