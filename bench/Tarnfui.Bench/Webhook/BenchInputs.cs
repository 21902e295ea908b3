using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// What the webhook benchmarks send: a <c>kubectl apply</c> that raises a Deployment from 0 to 5 replicas during
/// off-hours — the costliest common path (policy resolution, next-start search, patch and warning).
/// </summary>
internal static class BenchInputs
{
    /// <summary>Monday 2026-11-23 06:00 in Paris, before work starts.</summary>
    public static readonly Instant OffHours = Instant.FromUtc(2026, 11, 23, 5, 0);

    public const string Uptime = "Mon-Fri 07:00-19:00";
    public const string Zone = "Europe/Paris";

    public static byte[] ScaleUpReview() => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["apiVersion"] = "admission.k8s.io/v1",
        ["kind"] = "AdmissionReview",
        ["request"] = new JsonObject
        {
            ["uid"] = "705ab4f5-6393-11e8-b7cc-42010a800002",
            ["kind"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["kind"] = "Deployment" },
            ["resource"] = new JsonObject { ["group"] = "apps", ["version"] = "v1", ["resource"] = "deployments" },
            ["name"] = "api",
            ["namespace"] = "shop",
            ["operation"] = "UPDATE",
            ["userInfo"] = new JsonObject { ["username"] = "alice@example.com", ["groups"] = new JsonArray("system:authenticated") },
            ["object"] = Deployment(5),
            ["oldObject"] = Deployment(0),
            ["dryRun"] = false,
        },
    }.ToJsonString());

    private static readonly string[] Managers = ["kubectl-client-side-apply", "kube-controller-manager"];
    private static readonly string[] ManagedParts = ["f:metadata", "f:spec", "f:status"];

    /// <summary>
    /// The same review as a cluster sends it: each object also carries what the decision never reads, as a Deployment
    /// applied with kubectl and run by its controller does (two managers' managedFields, identity, status).
    /// </summary>
    public static byte[] ScaleUpReviewAsSent()
    {
        var review = JsonNode.Parse(ScaleUpReview())!;
        foreach (var member in new[] { "object", "oldObject" })
        {
            var workload = review["request"]![member]!;
            var metadata = workload["metadata"]!.AsObject();
            metadata["uid"] = "0b5f6c9e-1111-2222-3333-444455556666";
            metadata["resourceVersion"] = "123456";
            metadata["generation"] = 7;
            metadata["creationTimestamp"] = "2026-01-01T00:00:00Z";
            metadata["managedFields"] = new JsonArray([.. Managers.Select(manager => (JsonNode)new JsonObject
            {
                ["manager"] = manager,
                ["operation"] = "Update",
                ["apiVersion"] = "apps/v1",
                ["time"] = "2026-11-23T05:00:00Z",
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = new JsonObject([.. ManagedParts.Select(part => KeyValuePair.Create<string, JsonNode?>(part,
                    new JsonObject([.. Enumerable.Range(0, 12).Select(i => KeyValuePair.Create<string, JsonNode?>($"f:field{i}", new JsonObject { ["."] = new JsonObject(), [$"f:sub{i}"] = new JsonObject() }))])))]),
            })]);
            workload["status"] = new JsonObject
            {
                ["observedGeneration"] = 7,
                ["replicas"] = 5,
                ["readyReplicas"] = 5,
                ["conditions"] = new JsonArray([.. new[] { ("Available", "MinimumReplicasAvailable"), ("Progressing", "NewReplicaSetAvailable") }.Select(c => (JsonNode)new JsonObject
                {
                    ["type"] = c.Item1,
                    ["status"] = "True",
                    ["lastTransitionTime"] = "2026-01-01T00:00:00Z",
                    ["reason"] = c.Item2,
                })]),
            };
        }

        return Encoding.UTF8.GetBytes(review.ToJsonString());
    }

    private static JsonObject Deployment(int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = "api",
            ["namespace"] = "shop",
            ["labels"] = new JsonObject { ["app"] = "api" },
            ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = "1", ["team"] = "shop" },
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "api" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "api" } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "api",
                        ["image"] = "registry.example.com/shop/api:1.4.2",
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "250m", ["memory"] = "256Mi" } },
                    }),
                },
            },
        },
    };

    /// <summary>A fixed clock: every admission is decided at <see cref="OffHours"/>.</summary>
    public sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    /// <summary>A self-signed serving certificate for 127.0.0.1, written as PEM files in a temporary folder.</summary>
    public static (string CertificatePath, string KeyPath, X509Certificate2 Certificate) WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=tarnfui-bench", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        var folder = Directory.CreateTempSubdirectory("tarnfui-bench-tls-").FullName;
        var certificatePath = Path.Combine(folder, "tls.crt");
        var keyPath = Path.Combine(folder, "tls.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
    }

    /// <summary>Schedule settings shared by both benchmarks.</summary>
    public static string[] ScheduleArguments => [$"--Schedule:Uptime={Uptime}", $"--Schedule:TimeZone={Zone}"];
}
