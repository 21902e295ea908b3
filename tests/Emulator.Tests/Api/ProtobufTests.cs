using Tarnfui.Emulator.Api.Protobuf;

namespace Tarnfui.Emulator.Tests.Api;

public sealed class ProtobufTests
{
    // Captured from `kubectl create namespace hexns -v=9` (kubectl 1.32.4).
    private const string NamespaceBody =
        "6b3873000a0f0a0276311209 4e616d657370616365121d0a150a056865786e7312001a0022002a003200380042001200 1a020a001a002200";

    // Captured from `kubectl create deployment web2 --image=nginx --replicas=0 -n shop -v=9`.
    private const string DeploymentBody =
        "6b3873000a150a0761707073 2f7631120a4465706c6f796d656e7412b3010a250a047765623212001a0473686f7022002a00320038004200" +
        "5a0b0a036170701204776562321 27c0800120d0a0b0a036170701204776562321a610a1d0a001200 1a0022002a003200380042005a0b0a03" +
        "617070120477656232124012220a056e67696e7812056e67696e782a0042006a0072008001008801009001 00a201001a003200420 04a00" +
        "52005800600068008201008a01009a0100c2010022020a0028003800 1a0c080010001800200028003800 1a002200";

    private static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    [Fact]
    public void A_namespace_from_kubectl_create_decodes_to_its_name_only()
    {
        var obj = KubernetesProtobuf.Decode(Bytes(NamespaceBody));

        obj.ToJsonString().ShouldBe("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"hexns"}}""");
    }

    [Fact]
    public void A_deployment_keeps_an_explicit_zero_replicas_and_drops_the_zero_values_gogo_protobuf_writes()
    {
        var obj = KubernetesProtobuf.Decode(Bytes(DeploymentBody));

        obj["apiVersion"]!.GetValue<string>().ShouldBe("apps/v1");
        obj["metadata"]!.ToJsonString().ShouldBe("""{"name":"web2","namespace":"shop","labels":{"app":"web2"}}""");
        obj["spec"]!["replicas"]!.GetValue<long>().ShouldBe(0);
        obj["spec"]!["selector"]!.ToJsonString().ShouldBe("""{"matchLabels":{"app":"web2"}}""");
        obj["spec"]!["template"]!.ToJsonString().ShouldBe("""{"metadata":{"labels":{"app":"web2"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}""");
        obj["spec"]!.AsObject().ContainsKey("paused").ShouldBeFalse("a false non-pointer bool is Go's zero value, left out as the API server's JSON does");
        obj.ContainsKey("status").ShouldBeFalse("status is the server's on create");
    }

    [Fact]
    public void A_secret_as_helm_stores_a_release_decodes_with_its_type_labels_and_base64_data()
    {
        // Secret{metadata{name "sh.helm.release.v1.tarnfui.v1", labels{owner: helm}}, data{release: "H4sI"}, type "helm.sh/release.v1"}
        var metadata = Field(1, Hex("sh.helm.release.v1.tarnfui.v1")) + Field(11, Field(1, Hex("owner")) + Field(2, Hex("helm")));
        var data = Field(2, Field(1, Hex("release")) + Field(2, "1f8b0800"));
        var obj = KubernetesProtobuf.Decode(Bytes(Envelope("v1", "Secret", Field(1, metadata) + data + Field(3, Hex("helm.sh/release.v1")))));

        obj.ToJsonString().ShouldBe(
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"sh.helm.release.v1.tarnfui.v1","labels":{"owner":"helm"}},"data":{"release":"H4sIAA=="},"type":"helm.sh/release.v1"}""");
    }

    [Fact]
    public void Delete_options_as_a_typed_client_sends_them_keep_their_preconditions_and_propagation_policy()
    {
        // DeleteOptions{preconditions{uid "u1", resourceVersion "7"}, propagationPolicy "Background"}, as helm's purge sends them.
        var body = Field(2, Field(1, Hex("u1")) + Field(2, Hex("7"))) + Field(4, Hex("Background"));

        var obj = KubernetesProtobuf.Decode(Bytes(Envelope("v1", "DeleteOptions", body)));

        obj.ToJsonString().ShouldBe(
            """{"apiVersion":"v1","kind":"DeleteOptions","preconditions":{"uid":"u1","resourceVersion":"7"},"propagationPolicy":"Background"}""");
    }

    public static TheoryData<string, string, Type> Refusals => new()
    {
        { "not protobuf at all", "7b7d", typeof(FormatException) },
        { "a kind outside the table", Envelope("v1", "PersistentVolumeClaim", ""), typeof(NotSupportedException) },
        { "a field outside the table (Namespace field 9)", Envelope("v1", "Namespace", "4800"), typeof(NotSupportedException) },
        { "a length running past the end", Envelope("v1", "Namespace", "0a7f"), typeof(FormatException) },
        { "a varint that never ends", "6b387300" + "08" + "ffffffffffffffffffffff", typeof(FormatException) },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void Bodies_it_cannot_decode_are_refused_never_half_read(string because, string hex, Type error) =>
        Should.Throw(() => KubernetesProtobuf.Decode(Bytes(hex)), error, because);

    [Fact]
    public void A_refused_field_is_named_so_the_user_knows_to_send_json()
    {
        var error = Should.Throw<NotSupportedException>(() => KubernetesProtobuf.Decode(Bytes(Envelope("v1", "Namespace", "4800"))));

        error.Message.ShouldContain("field 9 of Namespace");
        error.Message.ShouldContain("JSON");
    }

    [Fact]
    public void Time_quantities_and_int_or_string_become_their_json_forms()
    {
        // Deployment{metadata{creationTimestamp{seconds 1795446000}}, spec{strategy{rollingUpdate{maxSurge "25%", maxUnavailable 1}}}}
        var metadata = Field(1, Field(8, "08f0a991d806"));
        var rollingUpdate = Field(1, "0800" + "1001") + Field(2, "0801" + Field(3, "323525"));
        var spec = Field(4, Field(2, rollingUpdate));
        var obj = KubernetesProtobuf.Decode(Bytes(Envelope("apps/v1", "Deployment", metadata + Field(2, spec))));

        obj["metadata"]!["creationTimestamp"]!.GetValue<string>().ShouldBe("2026-11-23T15:00:00Z");
        obj["spec"]!["strategy"]!["rollingUpdate"]!.ToJsonString().ShouldBe("""{"maxUnavailable":1,"maxSurge":"25%"}""");
    }

    private static string Envelope(string apiVersion, string kind, string rawHex)
    {
        var typeMeta = Field(1, Hex(apiVersion)) + Field(2, Hex(kind));
        return "6b387300" + Field(1, typeMeta) + Field(2, rawHex);
    }

    private static string Hex(string text) => Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text));

    // A length-delimited field (lengths under 128 are one byte).
    private static string Field(int number, string contentHex)
    {
        var length = contentHex.Replace(" ", "", StringComparison.Ordinal).Length / 2;
        return $"{(number << 3) | 2:x2}{length:x2}{contentHex}";
    }
}
