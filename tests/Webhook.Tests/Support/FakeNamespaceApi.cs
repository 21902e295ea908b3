using System.Text.Json.Nodes;
using System.Threading.Channels;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>
/// A loopback HTTP server that answers LIST and WATCH of <c>/api/v1/namespaces</c> as the API server does,
/// with the watch streams under the test's control (send an event, cut the connection, expire the version).
/// </summary>
internal sealed class FakeNamespaceApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _namespaces = [];
    private int _resourceVersion = 1;

    private FakeNamespaceApi(WebApplication app) => _app = app;

    /// <summary>The resourceVersion of each LIST served, in order.</summary>
    public Channel<string> Lists { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Each WATCH connection, in order.</summary>
    public Channel<WatchStream> Watches { get; } = Channel.CreateUnbounded<WatchStream>();

    public KubernetesClientConfiguration Configuration { get; private set; } = null!;

    public static async Task<FakeNamespaceApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeNamespaceApi(app);
        app.MapGet("/api/v1/namespaces", api.ServeAsync);
        await app.StartAsync();
        api.Configuration = new KubernetesClientConfiguration { Host = app.Urls.First() };
        return api;
    }

    /// <summary>Creates or changes a namespace; returns the watch event line it makes.</summary>
    public string Put(string name, Dictionary<string, string>? annotations, string type = "ADDED")
    {
        lock (_namespaces)
        {
            var item = Namespace(name, annotations, ++_resourceVersion);
            _namespaces[name] = item;
            return Event(type, item.DeepClone());
        }
    }

    public string Delete(string name)
    {
        lock (_namespaces)
        {
            _namespaces.Remove(name, out var item);
            item!["metadata"]!["resourceVersion"] = (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Event("DELETED", item);
        }
    }

    public static string Expired() => Event("ERROR", new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["message"] = "too old resource version: 2 (7)",
        ["reason"] = "Expired",
        ["code"] = 410,
    });

    public async ValueTask DisposeAsync()
    {
        Watches.Writer.TryComplete();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (context.Request.Query["watch"] != "true")
        {
            string body;
            string version;
            lock (_namespaces)
            {
                version = _resourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
                body = new JsonObject
                {
                    ["kind"] = "NamespaceList",
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = version },
                    ["items"] = new JsonArray([.. _namespaces.Values.Select(n => n.DeepClone())]),
                }.ToJsonString();
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
            await Lists.Writer.WriteAsync(version);
            return;
        }

        var stream = new WatchStream(context.Request.Query["resourceVersion"].ToString());
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync();
        await Watches.Writer.WriteAsync(stream);
        await foreach (var line in stream.Lines.Reader.ReadAllAsync(context.RequestAborted))
        {
            await context.Response.WriteAsync(line + "\n");
            await context.Response.Body.FlushAsync();
        }
    }

    private static JsonObject Namespace(string name, Dictionary<string, string>? annotations, int version)
    {
        var metadata = new JsonObject { ["name"] = name, ["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (annotations is not null)
        {
            metadata["annotations"] = new JsonObject([.. annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))]);
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = metadata };
    }

    private static string Event(string type, JsonNode item) => new JsonObject { ["type"] = type, ["object"] = item }.ToJsonString();

    /// <summary>One open watch: what it asked for, and the lines still to send; completing it cuts the connection.</summary>
    internal sealed class WatchStream(string resourceVersion)
    {
        public string ResourceVersion { get; } = resourceVersion;

        public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

        public ValueTask SendAsync(string line) => Lines.Writer.WriteAsync(line);

        public void Cut() => Lines.Writer.TryComplete();
    }
}
