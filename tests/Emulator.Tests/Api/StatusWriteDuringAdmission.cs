using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Tests.Api;

/// <summary>
/// An admission rule that, the first time it is asked about a write of one Deployment (main resource or a subresource),
/// writes that Deployment's status straight to the store, as the deployment controller's status write can land while a
/// webhook is being called: a concurrent write at a fixed point between the request's read and its store write.
/// </summary>
public sealed class StatusWriteDuringAdmission(ObjectStore store, string ns, string name, string? subresource)
{
    private int _written;

    /// <summary>The resourceVersion of the old object each admission of the write was given, in order.</summary>
    public ConcurrentQueue<string?> AdmittedOver { get; } = new();

    /// <summary>The resourceVersion the status write stored, once it ran.</summary>
    public long? StatusWriteVersion { get; private set; }

    public AdmissionResult Admit(AdmissionAttributes attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Name == name && attributes.SubResource == (subresource ?? ""))
        {
            AdmittedOver.Enqueue((string?)attributes.OldObject?["metadata"]?["resourceVersion"]);
            if (Interlocked.Exchange(ref _written, 1) == 0)
            {
                var deployment = store.GetRequired(ResourceTypes.Deployments, ns, name).ToJsonObject();
                deployment["status"] = new JsonObject { ["observedGeneration"] = 1, ["readyReplicas"] = 1 };
                StatusWriteVersion = store.Update(ResourceTypes.Deployments, deployment).ResourceVersion;
            }
        }

        return AdmissionResult.Allow(attributes.NewObject);
    }
}
