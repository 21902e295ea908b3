using k8s;
using k8s.Models;

namespace Tarnfui.Deploy.Tests.Install;

/// <summary>
/// What the kubelet gives the one container of an applied Deployment, read back from the API server: its environment
/// (<c>envFrom</c> ConfigMaps, then <c>env</c> with the downward API resolved) and its Secret volumes written as files
/// under a folder of the test, every environment value that names a file of such a volume pointing there instead.
/// </summary>
internal static class PodEnvironment
{
    public static async Task<(V1Container Container, Dictionary<string, string?> Environment)> ReadAsync(
        IKubernetes client, string ns, string deployment, string podName, string volumesFolder)
    {
        var spec = (await client.AppsV1.ReadNamespacedDeploymentAsync(deployment, ns)).Spec.Template.Spec;
        var container = spec.Containers.ShouldHaveSingleItem($"{ns}/{deployment} runs one container");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            source.ConfigMapRef.ShouldNotBeNull($"{deployment}: only ConfigMaps feed envFrom");
            foreach (var (key, value) in (await client.CoreV1.ReadNamespacedConfigMapAsync(source.ConfigMapRef.Name, ns)).Data)
            {
                environment[key] = value;
            }
        }

        var mounts = await MountSecretsAsync(client, ns, spec, container, volumesFolder);
        foreach (var variable in container.Env ?? [])
        {
            var value = variable.Value ?? variable.ValueFrom.FieldRef.FieldPath switch
            {
                "metadata.namespace" => ns,
                "metadata.name" => podName,
                var other => throw new InvalidOperationException($"{deployment}: no stand-in for fieldRef {other}"),
            };
            environment[variable.Name] = mounts.Aggregate(value, (current, mount) =>
                current.StartsWith(mount.MountPath + "/", StringComparison.Ordinal) ? mount.Folder + current[mount.MountPath.Length..] : current);
        }

        return (container, environment);
    }

    // Each Secret volume of the container is written as the kubelet projects it: one file per key.
    private static async Task<List<(string MountPath, string Folder)>> MountSecretsAsync(
        IKubernetes client, string ns, V1PodSpec spec, V1Container container, string volumesFolder)
    {
        var mounts = new List<(string, string)>();
        foreach (var mount in container.VolumeMounts ?? [])
        {
            var volume = spec.Volumes.Single(v => v.Name == mount.Name);
            if (volume.Secret is null)
            {
                continue;
            }

            var folder = Directory.CreateDirectory(Path.Combine(volumesFolder, mount.Name)).FullName;
            foreach (var (key, bytes) in (await client.CoreV1.ReadNamespacedSecretAsync(volume.Secret.SecretName, ns)).Data)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, key), bytes);
            }

            mounts.Add((mount.MountPath.TrimEnd('/'), folder));
        }

        return mounts;
    }
}
