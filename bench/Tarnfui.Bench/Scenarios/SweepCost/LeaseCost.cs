using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Emulator.Server;
using Tarnfui.Sandbox.InProcess;
using Tarnfui.Sweeper.Configuration;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>
/// What leader election costs the leader: its Lease requests measured over <see cref="Renewals"/> renewals of a real
/// sweeper electing itself on a sandbox (with short durations, so that the renewals take seconds, not minutes), and the
/// hour at the shipped durations computed from them: one renewal per <c>Sweeper:RetryPeriod</c>.
/// </summary>
internal sealed record LeaseCost(int Renewals, long Reads, long Updates, long Bytes, TimeSpan RetryPeriod)
{
    /// <summary>Renewals measured per run; enough that a read on any of them shows.</summary>
    public const int MeasuredRenewals = 20;

    public double RequestsPerRenewal => (Reads + Updates) / (double)Math.Max(1, Updates);

    public double BytesPerRenewal => Bytes / (double)Math.Max(1, Updates);

    /// <summary>Renewals in an hour of leadership at the shipped <c>Sweeper:RetryPeriod</c>.</summary>
    public double RenewalsPerHour => TimeSpan.FromHours(1) / RetryPeriod;

    public double RequestsPerHour => RenewalsPerHour * RequestsPerRenewal;

    public double BytesPerHour => RenewalsPerHour * BytesPerRenewal;

    // Short enough that the renewals come quickly, in the proportions the validator asks for.
    private static readonly string[] ShortLease =
    [
        "--Sweeper:LeaderElection=true",
        "--Sweeper:LeaseDuration=3s",
        "--Sweeper:RenewDeadline=2s",
        "--Sweeper:RetryPeriod=200ms",
        "--Sweeper:Interval=1h",
        "--Logging:LogLevel:Tarnfui=Warning",
    ];

    public static async Task<LeaseCost> MeasureAsync(CancellationToken cancellationToken)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Instant.FromUtc(2026, 11, 23, 12, 0), Speed = 0 }, cancellationToken);
        await using var sweeper = await HostedSweeper.StartAsync(server, ShortLease, cancellationToken);
        await UntilAsync(() => sweeper.Metrics.Leader.Value == 1, "the sweeper leads", cancellationToken);

        // From the first renewal after it leads, so that acquiring the Lease (a read, then a create or update) is not counted.
        var startUpdates = Count(server, "update").Requests;
        await UntilAsync(() => Count(server, "update").Requests > startUpdates, "a first renewal", cancellationToken);
        server.Stats.Reset();
        await UntilAsync(() => Count(server, "update").Requests >= MeasuredRenewals, $"{MeasuredRenewals} renewals", cancellationToken);
        var reads = Count(server, "get");
        var updates = Count(server, "update");
        return new LeaseCost(MeasuredRenewals, reads.Requests, updates.Requests, reads.Bytes + updates.Bytes, new SweeperOptions().RetryPeriod);
    }

    private static (long Requests, long Bytes) Count(EmulatorServer server, string verb)
    {
        var counts = server.Stats.Snapshot().Counts.Where(c => c.User == EmulatorUsers.Sweeper && c.Verb == verb && c.Resource.EndsWith("leases", StringComparison.Ordinal)).ToList();
        return (counts.Sum(c => c.Requests), counts.Sum(c => c.Bytes));
    }

    // The renewals run on the elector's real timer: poll, within a bound far above their period.
    private static async Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        var bound = Stopwatch.StartNew();
        while (!condition())
        {
            if (bound.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException($"leader election: no {what} within a minute");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public TargetCheck Target() =>
        TargetCheck.AtMost("Lease requests per renewal of the leader (one update, no read)", RequestsPerRenewal, 1, v => v.ToString("0.##", CultureInfo.InvariantCulture));

    /// <summary>
    /// The requests and bytes of an hour of night, sweeps and Lease side by side, per cluster size: the sweeps' at the
    /// dearest measured night sweep times the sweeps in an hour.
    /// </summary>
    public string Markdown(IReadOnlyList<NightCost> nights, TimeSpan interval)
    {
        var sweepsPerHour = TimeSpan.FromHours(1) / interval;
        var text = new StringBuilder();
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Leader election: the leader renews its Lease every `Sweeper:RetryPeriod` ({RetryPeriod.TotalSeconds:0} s by default), {RenewalsPerHour:N0} renewals an hour.");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Measured on a sweeper electing itself (short durations, {Renewals} renewals): {Reads} reads and {Updates} updates, {RequestsPerRenewal:0.##} requests and");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{ByteSize.Format((long)BytesPerRenewal)} per renewal. An hour of night, the sweeps' dearest tick times {sweepsPerHour:N0} beside the Lease's hour:").AppendLine();
        text.AppendLine("| Deployments | Night sweeps per hour | Lease per hour | Together | Lease's share of the requests |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var night in nights.Where(n => n.Sweeper == "tarnfui").OrderBy(n => n.Deployments))
        {
            var sweepRequests = night.MaxTickRequests * sweepsPerHour;
            var sweepBytes = (long)(night.MaxTickBytes * sweepsPerHour);
            var share = RequestsPerHour / (RequestsPerHour + sweepRequests);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {night.Deployments:N0} | {sweepRequests:N0} requests, {ByteSize.Format(sweepBytes)} | {RequestsPerHour:N0} requests, {ByteSize.Format((long)BytesPerHour)} | {sweepRequests + RequestsPerHour:N0} requests, {ByteSize.Format(sweepBytes + (long)BytesPerHour)} | {share:P0} |");
        }

        return text.ToString();
    }

    public JsonObject ToJson() => new()
    {
        ["measuredRenewals"] = Renewals,
        ["reads"] = Reads,
        ["updates"] = Updates,
        ["responseBytes"] = Bytes,
        ["retryPeriodSeconds"] = RetryPeriod.TotalSeconds,
        ["requestsPerRenewal"] = Math.Round(RequestsPerRenewal, 3),
        ["requestsPerHour"] = Math.Round(RequestsPerHour, 1),
        ["responseBytesPerHour"] = Math.Round(BytesPerHour),
    };
}
