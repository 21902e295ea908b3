using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using NodaTime;
using Tarnfui.Core;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Api;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// The emulated Kubernetes API server, in process: Kestrel on 127.0.0.1 serving HTTPS (HTTP/1.1 and HTTP/2,
/// certificate from a private CA made at start) and plain HTTP, over an in-memory <see cref="ObjectStore"/>,
/// with a <see cref="SimulatedClock"/>. Each <see cref="EmulatorUsers"/> user has its own bearer token.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CertificateAuthority _authority;
    private readonly Dictionary<string, string> _tokensByUser;
    private readonly Stack<IAsyncDisposable> _attached = new();

    private EmulatorServer(WebApplication app, CertificateAuthority authority, Dictionary<string, string> tokensByUser,
        ObjectStore store, SimulatedClock clock, Uri url, Uri httpUrl)
    {
        _app = app;
        _authority = authority;
        _tokensByUser = tokensByUser;
        Store = store;
        Clock = clock;
        Url = url;
        HttpUrl = httpUrl;
    }

    /// <summary><c>https://127.0.0.1:port</c>.</summary>
    public Uri Url { get; }

    /// <summary><c>http://127.0.0.1:port</c>: probes, stats, and kubectl without TLS (as the admin).</summary>
    public Uri HttpUrl { get; }

    /// <summary>The CA that signed the server certificate; trust it to talk to <see cref="Url"/>.</summary>
    public X509Certificate2 CaCertificate => _authority.Certificate;

    /// <summary>The CA, to issue more loopback serving certificates (test webhooks) and read its caBundle.</summary>
    public CertificateAuthority CertificateAuthority => _authority;

    /// <summary>Direct in-memory access for seeding and assertions.</summary>
    public ObjectStore Store { get; }

    public SimulatedClock Clock { get; }

    /// <summary>The server's services (to resolve what was added through <see cref="EmulatorOptions.ConfigureServices"/>).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<EmulatorServer> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = new SimulatedClock(options.StartTime ?? SystemClock.Instance.GetCurrentInstant(), options.Speed);
        var store = new ObjectStore(clock, options.WatchHistory);
        if (options.CreateSystemNamespaces)
        {
            store.CreateMany(ResourceTypes.Namespaces,
                WellKnown.NeverTouchedNamespaces.Prepend("default").Select(ns => new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }));
        }

        var authority = CertificateAuthority.Create();
        var serverCertificate = authority.IssueServerCertificate("127.0.0.1", "localhost");
        var tokensByUser = EmulatorUsers.All.ToDictionary(u => u.Username, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
        var users = EmulatorUsers.All.ToDictionary(u => tokensByUser[u.Username], u => u);
        var admin = EmulatorUsers.All.First(u => u.Username == EmulatorUsers.Admin);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.HttpsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(serverCertificate);
            });
            kestrel.Listen(IPAddress.Loopback, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = 3 * 1024 * 1024; // kube-apiserver's limit for a request body
        });
        builder.Services.AddSingleton(options);
        // Whoever hosts the server owns the process and its signals (serve stops the hosted apps first, then the server).
        builder.Services.AddSingleton<IHostLifetime, EmulatorOwnedLifetime>();
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddSandboxApi(store, new Authentication(users, admin));
        // The simulation half: webhook admission, emulated controllers, request accounting, fault injection.
        builder.Services.AddWebhookAdmission().AddEmulatedControllers().AddRequestAccounting().AddFaultInjection();
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseSimulatedDate();
        app.UseRequestAccounting();
        app.UseSandboxApi();
        app.UseFaultInjection();
        options.ConfigureApp?.Invoke(app);
        app.MapSandboxStats().MapSandboxFaults().MapSandboxClock();
        app.MapSandboxApi();
        await app.StartAsync(cancellationToken);
        if (options.EmulateControllers)
        {
            app.Services.GetRequiredService<ClusterControllers>().Start();
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var url = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        var httpUrl = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
        var logger = app.Services.GetRequiredService<ILogger<EmulatorServer>>();
        var now = clock.GetCurrentInstant();
        Log.Started(logger, url, httpUrl, now);
        var server = new EmulatorServer(app, authority, tokensByUser, store, clock, url, httpUrl);
        if (options.EmulateControllers)
        {
            server.Autoscalers.Start(server.CreateClient(EmulatorUsers.HorizontalPodAutoscaler));
            server.Keda.Start(server.CreateClient(EmulatorUsers.KedaOperator));
        }

        try
        {
            foreach (var attach in options.Attachments)
            {
                server._attached.Push(await attach(server, cancellationToken));
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Requests and response bytes served, by verb, resource, user and code, plus the request log.</summary>
    public RequestStats Stats => Services.GetRequiredService<RequestStats>();

    /// <summary>The faults injected into API requests, changeable at run time.</summary>
    public FaultInjector Faults => Services.GetRequiredService<FaultInjector>();

    /// <summary>Admission settings, e.g. the loopback address of a webhook <c>clientConfig.service</c>.</summary>
    public AdmissionOptions Admission => Services.GetRequiredService<AdmissionOptions>();

    /// <summary>The emulated controllers; await <see cref="ClusterControllers.SettledAsync"/> after a write.</summary>
    public ClusterControllers Controllers => Services.GetRequiredService<ClusterControllers>();

    /// <summary>The emulated HPA controller; <see cref="AutoscalerController.SyncAsync"/> is one of its syncs.</summary>
    public AutoscalerController Autoscalers => Services.GetRequiredService<AutoscalerController>();

    /// <summary>The emulated KEDA operator (ScaledObjects, once their CRD is installed); <see cref="KedaController.SyncAsync"/> is one of its syncs.</summary>
    public KedaController Keda => Services.GetRequiredService<KedaController>();

    /// <summary>Writes a cluster shape straight into the store, consistent with what the controllers would make.</summary>
    public SeedResult Seed(ClusterShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Controllers.Nodes = ClusterSeeder.NodeNames(shape);
        using (Controllers.SeedingScope())
        {
            return StoreSeeder.Seed(Store, shape, Clock.GetCurrentInstant());
        }
    }

    /// <summary>The bearer token of a <see cref="EmulatorUsers"/> user.</summary>
    public string TokenOf(string user) =>
        _tokensByUser.TryGetValue(user, out var token) ? token : throw new ArgumentException($"unknown sandbox user \"{user}\"", nameof(user));

    /// <summary>Client configuration for <see cref="Url"/> as <paramref name="user"/>, trusting the sandbox CA.</summary>
    public KubernetesClientConfiguration ClientConfiguration(string user = EmulatorUsers.Admin) => new()
    {
        Host = Url.ToString(),
        AccessToken = TokenOf(user),
        SslCaCerts = [CaCertificate],
    };

    /// <summary>A KubernetesClient for <paramref name="user"/>.</summary>
    public Kubernetes CreateClient(string user = EmulatorUsers.Admin) => new(ClientConfiguration(user));

    /// <summary>Writes a kubeconfig for <paramref name="user"/> (HTTPS, CA data, token) and returns its path.</summary>
    public string WriteKubeconfig(string path, string user = EmulatorUsers.Admin)
    {
        File.WriteAllText(path, Kubeconfig.Render(Url, _authority.CaBundle, user, TokenOf(user)));
        var logger = _app.Services.GetRequiredService<ILogger<EmulatorServer>>();
        Log.WroteKubeconfig(logger, user, path);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        while (_attached.TryPop(out var attached))
        {
            await attached.DisposeAsync();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _authority.Dispose();
    }
}
