using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Admission;

/// <summary>
/// A mutating webhook inside the test: Kestrel on 127.0.0.1:0 over HTTPS; each path answers with the
/// response a test sets, and every review received is kept for asserts.
/// </summary>
public sealed class TestWebhook : IAsyncDisposable
{
    private const string ServerNameKey = "tls-server-name";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<JsonObject, Task<JsonObject>>> _handlers = new();

    private readonly X509Certificate2 _serving;

    private TestWebhook(WebApplication app, TestCertificates certificates, X509Certificate2 serving)
    {
        _app = app;
        Certificates = certificates;
        _serving = serving;
    }

    public TestCertificates Certificates { get; }

    public Uri Url { get; private set; } = null!;

    /// <summary>The address it listens on, as a Service's endpoint is mapped.</summary>
    public DnsEndPoint Endpoint => new(Url.Host, Url.Port);

    /// <summary>Every AdmissionReview request received, by path.</summary>
    public ConcurrentQueue<(string Path, JsonObject Request)> Received { get; } = new();

    /// <summary>The Host header and the TLS server name (SNI) each request came with, by path.</summary>
    public ConcurrentQueue<(string Path, string Host, string? ServerName)> Addressed { get; } = new();

    /// <summary>The subject of the client certificate each request's connection presented (null: none), by path.</summary>
    public ConcurrentQueue<(string Path, string? Subject)> ClientCertificates { get; } = new();

    public static async Task<TestWebhook> StartAsync(params string[] dnsNames)
    {
        var certificates = new TestCertificates();
        var serving = certificates.IssueServing("test-webhook", dnsNames);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Asks for a client certificate without requiring one, and keeps whatever was presented.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(new HttpsConnectionAdapterOptions
        {
            // Chosen per handshake so that the server name the client sent (SNI) is kept for the requests on the connection.
            ServerCertificateSelector = (connection, serverName) =>
            {
                connection!.Items[ServerNameKey] = serverName;
                return serving;
            },
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            ClientCertificateValidation = (_, _, _) => true,
        })));
        var app = builder.Build();
        var webhook = new TestWebhook(app, certificates, serving);
        app.MapPost("/{**path}", (Delegate)webhook.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        webhook.Url = new Uri(address);
        return webhook;
    }

    /// <summary>Answers reviews on <paramref name="path"/> with <paramref name="respond"/> (request → response object).</summary>
    public string On(string path, Func<JsonObject, JsonObject> respond) => On(path, r => Task.FromResult(respond(r)));

    public string On(string path, Func<JsonObject, Task<JsonObject>> respond)
    {
        _handlers[path] = respond;
        return new Uri(Url, path).ToString();
    }

    public static JsonObject Allow(JsonObject request) => new() { ["uid"] = request["uid"]!.GetValue<string>(), ["allowed"] = true };

    public static JsonObject Deny(JsonObject request, string message, int code = 403) => new()
    {
        ["uid"] = request["uid"]!.GetValue<string>(),
        ["allowed"] = false,
        ["status"] = new JsonObject { ["code"] = code, ["message"] = message },
    };

    public static JsonObject Patch(JsonObject request, string jsonPatch, params string[] warnings) => new()
    {
        ["uid"] = request["uid"]!.GetValue<string>(),
        ["allowed"] = true,
        ["patchType"] = "JSONPatch",
        ["patch"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(jsonPatch)),
        ["warnings"] = new JsonArray(warnings.Select(w => (JsonNode?)JsonValue.Create(w)).ToArray()),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificates.Dispose();
        _serving.Dispose();
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        var review = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var request = review["request"]!.AsObject();
        Received.Enqueue((path, request));
        ClientCertificates.Enqueue((path, context.Connection.ClientCertificate?.Subject));
        Addressed.Enqueue((path, context.Request.Host.Value ?? "", context.Features.Get<IConnectionItemsFeature>()?.Items[ServerNameKey] as string));
        if (!_handlers.TryGetValue(path, out var handler))
        {
            return Results.NotFound();
        }

        var response = await handler(request);
        return Results.Json(new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response });
    }
}
