using Tarnfui.Core;
using Tarnfui.Emulator.Admission;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// The identities the sandbox knows, each reached through its own bearer token (see
/// <see cref="EmulatorServer.ClientConfiguration"/>): the cluster admin, the sweeper's and the webhook's service
/// accounts (so admission sees the sweeper as the real webhook would), and a developer using kubectl tarnfui.
/// </summary>
public static class EmulatorUsers
{
    public const string Admin = "kubernetes-admin";
    public const string Sweeper = $"system:serviceaccount:{WellKnown.Objects.Namespace}:{WellKnown.Objects.SweeperServiceAccount}";
    public const string Webhook = $"system:serviceaccount:{WellKnown.Objects.Namespace}:{WellKnown.Objects.WebhookServiceAccount}";
    public const string Cli = "developer";

    /// <summary>kube-controller-manager's HPA controller, whose <c>/scale</c> writes admission sees as this service account.</summary>
    public const string HorizontalPodAutoscaler = "system:serviceaccount:kube-system:horizontal-pod-autoscaler";

    /// <summary>KEDA's operator, whose <c>/scale</c> writes to ScaledObject targets admission sees as this service account.</summary>
    public const string KedaOperator = WellKnown.Keda.OperatorServiceAccount;

    /// <summary>The list-everything sweeper the demo and the benchmarks compare Tarnfui with, counted apart from it.</summary>
    public const string NaiveSweeper = "system:serviceaccount:kube-downscaler:naive-sweeper";

    /// <summary>Every user with the groups the real authenticators would give it.</summary>
    public static readonly IReadOnlyList<UserInfo> All =
    [
        new(Admin, ["system:masters", "system:authenticated"]),
        new(Sweeper, ["system:serviceaccounts", $"system:serviceaccounts:{WellKnown.Objects.Namespace}", "system:authenticated"]),
        new(Webhook, ["system:serviceaccounts", $"system:serviceaccounts:{WellKnown.Objects.Namespace}", "system:authenticated"]),
        new(Cli, ["system:authenticated"]),
        new(HorizontalPodAutoscaler, ["system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"]),
        new(KedaOperator, ["system:serviceaccounts", "system:serviceaccounts:keda", "system:authenticated"]),
        new(NaiveSweeper, ["system:serviceaccounts", "system:serviceaccounts:kube-downscaler", "system:authenticated"]),
    ];
}
