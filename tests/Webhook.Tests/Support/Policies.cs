using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>The configuration every decider test shares: office hours in Paris.</summary>
internal static class Policies
{
    public const string Uptime = "Mon-Fri 07:00-19:00";
    public const string Zone = "Europe/Paris";

    /// <summary>Monday 2026-11-23 06:00 in Paris: one hour before work starts.</summary>
    public static readonly Instant OffHours = Instant("2026-11-23T05:00:00Z");

    /// <summary>Monday 2026-11-23 11:00 in Paris.</summary>
    public static readonly Instant WorkingHours = Instant("2026-11-23T10:00:00Z");

    public static PolicyResolver Resolver(params string[] excludedNamespaces) => Resolver(kubeDownscaler: false, excludedNamespaces);

    /// <param name="kubeDownscaler">Whether kube-downscaler's annotations are read too (Policy:KubeDownscalerAnnotations).</param>
    /// <param name="excludedNamespaces">Schedule:ExcludedNamespaces.</param>
    public static PolicyResolver Resolver(bool kubeDownscaler, params string[] excludedNamespaces)
    {
        var options = new ScheduleOptions { Uptime = Uptime, TimeZone = Zone };
        foreach (var ns in excludedNamespaces)
        {
            options.ExcludedNamespaces.Add(ns);
        }

        return new PolicyResolver(GlobalPolicy.Create(options, new PolicyOptions { KubeDownscalerAnnotations = kubeDownscaler }).Value);
    }

    public static AdmissionSettings Settings(WebhookMode mode = WebhookMode.Zero, bool suspendNewJobs = false, bool kubeDownscaler = false) =>
        new(Resolver(kubeDownscaler), mode, WebhookOptions.DefaultSweeperUsername, suspendNewJobs);

    public static Instant Instant(string text) => InstantPattern.ExtendedIso.Parse(text).Value;
}
