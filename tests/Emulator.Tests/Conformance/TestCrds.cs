namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// Small CustomResourceDefinitions of the tests' own, each in a group of its own so that the tests sharing one
/// emulator never see each other's types.
/// </summary>
public static class TestCrds
{
    private static int _groups;

    /// <summary>A fresh group, <c>g7.example.tarnfui.io</c>.</summary>
    public static string NewGroup() => $"g{Interlocked.Increment(ref _groups)}.example.tarnfui.io";

    /// <summary>
    /// <c>widgets.{group}</c>: Widget, namespaced or cluster-scoped, served as v1 (storage) and v1beta1, with the
    /// status subresource and a scale subresource at <c>.spec.size</c> / <c>.status.readySize</c> /
    /// <c>.status.selector</c>; <c>spec.extra</c> keeps unknown fields, the rest of spec does not.
    /// </summary>
    public static string Widgets(string group, bool namespaced = true) => $$"""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "widgets.{{group}}" },
          "spec": {
            "group": "{{group}}",
            "scope": "{{(namespaced ? "Namespaced" : "Cluster")}}",
            "names": { "plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wdg"], "categories": ["all"] },
            "versions": [
              { "name": "v1", "served": true, "storage": true, "schema": { "openAPIV3Schema": {{Schema}} },
                "subresources": { "status": {}, "scale": { "specReplicasPath": ".spec.size", "statusReplicasPath": ".status.readySize", "labelSelectorPath": ".status.selector" } } },
              { "name": "v1beta1", "served": true, "storage": false, "schema": { "openAPIV3Schema": {{Schema}} },
                "subresources": { "status": {} } }
            ]
          }
        }
        """;

    /// <summary>A Widget of <paramref name="group"/>'s v1, namespaced when <paramref name="ns"/> is given.</summary>
    public static string Widget(string group, string name, int size, string? ns = null, string extraSpec = "") => $$$"""
        {"apiVersion":"{{{group}}}/v1","kind":"Widget","metadata":{"name":"{{{name}}}"{{{(ns is null ? "" : $",\"namespace\":\"{ns}\"")}}}},
         "spec":{"size":{{{size}}},"colour":"red"{{{extraSpec}}}}}
        """;

    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "size": { "type": "integer", "description": "How many parts the widget has." },
                "colour": { "type": "string" },
                "extra": { "type": "object", "x-kubernetes-preserve-unknown-fields": true }
              }
            },
            "status": {
              "type": "object",
              "properties": { "readySize": { "type": "integer" }, "selector": { "type": "string" } }
            }
          }
        }
        """;
}
