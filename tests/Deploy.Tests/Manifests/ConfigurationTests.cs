using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using k8s.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tarnfui.Core.Durations;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed class ConfigurationTests(ManifestsFixture manifests)
{
    private const string Prefix = "TARNFUI_";

    [Fact]
    public void Every_tarnfui_variable_the_manifests_set_names_an_options_key()
    {
        var keys = Keys().Select(k => k.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // .NET's console logger reads its own section (the log format both programs write).
        keys.UnionWith(typeof(Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions).GetProperties().Select(p => $"Logging:Console:{p.Name}"));
        foreach (var (source, name) in Variables())
        {
            // Configuration keys are case-insensitive; list items carry an index (Holidays__0).
            var key = string.Join(':', name[Prefix.Length..].Split("__").Where(part => !int.TryParse(part, out _)));
            keys.ShouldContain(key, $"{source} sets {name}, which no Options class reads");
        }
    }

    [Fact]
    public void The_shipped_configuration_passes_the_validation_the_programs_run_at_start()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(manifests.Base.All<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("tarnfui-config", StringComparison.Ordinal)).Data
                .Select(pair => KeyValuePair.Create(pair.Key[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal), (string?)pair.Value)))
            .Build();
        foreach (var type in CodeModel.OptionsTypes)
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            // Bound as the programs bind them at start: durations through Core's grammar, the rest by the binder.
            var options = typeof(ConfigurationTests).GetMethod(nameof(BindAsAtStart), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [configuration, section])!;
            foreach (var validator in Validators(type))
            {
                var result = (ValidateOptionsResult)validator.GetType().GetMethod("Validate")!.Invoke(validator, [null, options])!;
                result.Failed.ShouldBeFalse($"{section}: {result.FailureMessage}");
            }
        }
    }

    [Fact]
    public void The_operations_guide_documents_every_key_in_both_forms()
    {
        var guide = File.ReadAllText(Repository.PathOf("docs", "operations.md"));
        foreach (var (key, _) in Keys())
        {
            guide.ShouldContain($"`{key}`", Case.Sensitive, $"docs/operations.md names {key}");
            guide.ShouldContain($"`{Prefix}{key.Replace(":", "__", StringComparison.Ordinal)}", Case.Sensitive, $"docs/operations.md gives the environment form of {key}");
        }
    }

    [Fact]
    public void The_configuration_is_generated_with_a_content_hash_so_that_changes_roll_the_pods()
    {
        var configMap = manifests.Base.All<V1ConfigMap>().Single(c => c.Metadata.Name.StartsWith("tarnfui-config-", StringComparison.Ordinal));
        foreach (var deployment in manifests.Base.All<V1Deployment>())
        {
            deployment.Spec.Template.Spec.Containers.ShouldHaveSingleItem().EnvFrom.ShouldHaveSingleItem().ConfigMapRef.Name.ShouldBe(configMap.Metadata.Name);
        }
    }

    /// <summary>Every <c>Section:Property</c> of every Options class, with the property type.</summary>
    private static IEnumerable<(string Key, Type Type)> Keys() =>
        CodeModel.OptionsTypes.SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } || (p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))
            .Select(p => ($"{type.GetField("Section")!.GetValue(null)}:{p.Name}", p.PropertyType)));

    private IEnumerable<(string Source, string Name)> Variables()
    {
        foreach (var configMap in manifests.Base.All<V1ConfigMap>())
        {
            foreach (var name in configMap.Data.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                yield return ($"ConfigMap {configMap.Metadata.Name}", name);
            }
        }

        foreach (var deployment in manifests.Base.All<V1Deployment>())
        {
            foreach (var variable in deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []).Where(e => e.Name.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                yield return ($"Deployment {deployment.Metadata.Name}", variable.Name);
            }
        }
    }

    private static IEnumerable<object> Validators(Type optionsType)
    {
        var contract = typeof(IValidateOptions<>).MakeGenericType(optionsType);
        return optionsType.Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && contract.IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(Activator.CreateInstance)!;
    }

    private static T BindAsAtStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>(IConfiguration configuration, string section)
        where T : class
    {
        var services = new ServiceCollection().AddSingleton(configuration);
        services.AddOptions<T>().BindConfigurationWithDurations(section, (values, options) => values.Bind(options));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
