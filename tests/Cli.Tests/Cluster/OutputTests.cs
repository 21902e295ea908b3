using System.Text.Json.Nodes;
using Tarnfui.Cli.Cluster.Output;

namespace Tarnfui.Cli.Tests.Cluster;

public class OutputTests
{
    [Fact]
    public void Table_aligns_columns_like_kubectl_with_upper_case_headers_and_none_for_empty_cells()
    {
        var table = new TableWriter("name", "original", "why");
        table.Add("deployment.apps/api", "3", "off-hours");
        table.Add("sts/db", "", "holiday");
        using var output = new StringWriter();
        table.WriteTo(output);

        output.ToString().ShouldBe(
            "NAME                  ORIGINAL   WHY\n" +
            "deployment.apps/api   3          off-hours\n" +
            "sts/db                <none>     holiday\n");
    }

    [Fact]
    public void Table_refuses_a_row_with_the_wrong_number_of_cells() =>
        Should.Throw<ArgumentException>(() => new TableWriter("a", "b").Add("only one"));

    [Theory]
    [InlineData("table", "Table")]
    [InlineData("JSON", "Json")]
    [InlineData("yaml", "Yaml")]
    public void Output_format_names_are_kubectls(string text, string expected) => OutputFormats.Parse(text).Value.ToString().ShouldBe(expected);

    [Fact]
    public void Unknown_output_format_lists_the_allowed_ones() =>
        OutputFormats.Parse("xml").Error.ShouldBe("unable to match a printer suitable for the output format \"xml\", allowed formats are: table, json, yaml");

    [Fact]
    public void Json_and_yaml_carry_the_same_fields_and_quote_strings_that_look_like_other_types()
    {
        var document = new JsonObject { ["name"] = "api", ["replicas"] = 3, ["flag"] = "true", ["items"] = new JsonArray("a", "b"), ["none"] = null };
        using var json = new StringWriter();
        using var yaml = new StringWriter();
        StructuredWriter.Write(json, OutputFormat.Json, document);
        StructuredWriter.Write(yaml, OutputFormat.Yaml, document);

        JsonNode.Parse(json.ToString())!["replicas"]!.GetValue<int>().ShouldBe(3);
        json.ToString().ShouldContain("    \"name\": \"api\"");
        var parsed = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(yaml.ToString());
        parsed["name"].ShouldBe("api");
        parsed["replicas"].ShouldBe("3");
        yaml.ToString().ShouldContain("flag: \"true\"");
        ((List<object>)parsed["items"]!).ShouldBe(["a", "b"]);
    }
}
