using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using Tarnfui.Core.Policy;
using Tarnfui.Webhook;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Namespaces;

namespace Tarnfui.Bench.Webhook;

/// <summary>
/// The cost of one admission in-process: each stage (decode, the pure decision, the handler, the response's
/// encoding, before and after) and the whole handler path from request bytes to response bytes.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class AdmissionBenchmarks
{
    private readonly byte[] _body = BenchInputs.ScaleUpReview();
    private readonly byte[] _asSent = BenchInputs.ScaleUpReviewAsSent();
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private AdmissionSettings _settings = null!;
    private AdmissionHandler _handler = null!;
    private AdmissionRequest _request = null!;
    private AdmissionReview _response = null!;
    private NamespaceCache _namespaces = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new ScheduleOptions { Uptime = BenchInputs.Uptime, TimeZone = BenchInputs.Zone };
        _settings = new AdmissionSettings(new PolicyResolver(GlobalPolicy.Create(options).Value), WebhookMode.Zero, WebhookOptions.DefaultSweeperUsername);
        _namespaces = new NamespaceCache();
        _namespaces.Replace([new("shop", new Dictionary<string, string> { ["team"] = "shop" })]);
        _handler = new AdmissionHandler(_settings, _namespaces, new NoParents(), new BenchInputs.FixedClock(BenchInputs.OffHours), new Metrics(), NullLogger<AdmissionHandler>.Instance);
        _request = JsonSerializer.Deserialize(_body, AdmissionJsonContext.Default.AdmissionReview)!.Request!;
        _response = _handler.HandleAsync(_request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Decide (pure)")]
    public object Decide() =>
        AdmissionDecider.Decide(_request, _settings, _namespaces.Get("shop"), null, BenchInputs.OffHours);

    [Benchmark(Description = "Decode, body of known length (what Kestrel passes)")]
    public async Task<object?> DecodeWholeAsync()
    {
        return (await AdmissionDecoder.DecodeAsync(Body(), "application/json", CancellationToken.None, _body.Length)).Review;
    }

    [Benchmark(Description = "Decode, the review as a cluster sends it (managedFields, status)")]
    public async Task<object?> DecodeAsSentAsync()
    {
        return (await AdmissionDecoder.DecodeAsync(PipeReader.Create(new ReadOnlySequence<byte>(_asSent)), "application/json", CancellationToken.None, _asSent.Length)).Review;
    }

    [Benchmark(Description = "Read the review as a cluster sends it, every member tokenized (no blanking)")]
    public object? ReadAsSentUnblanked() => AdmissionReviewReader.Read(_asSent.AsSpan());

    [Benchmark(Description = "Decode, body of unknown length (streamed)")]
    public async Task<object?> DecodeStreamedAsync()
    {
        // Read from a stream in reads of 512 bytes, as a chunked body arrives.
        using var stream = new MemoryStream(_body, writable: false);
        var body = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 512, minimumReadSize: 512));
        return (await AdmissionDecoder.DecodeAsync(body, "application/json", CancellationToken.None)).Review;
    }

    [Benchmark(Description = "Handle (decide, metrics, response object)")]
    public async Task<object> HandleAsync() => await _handler.HandleAsync(_request, CancellationToken.None);

    [Benchmark(Description = "Encode (written by hand, as the endpoint writes a plain answer)")]
    public int Encode() => Encode(_response);

    [Benchmark(Description = "Encode (the generated serializer, as the endpoint writes any other answer)")]
    public int Serialize()
    {
        _output.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(_output, AnswerJson.WriterOptions);
        JsonSerializer.Serialize(writer, _response, AdmissionJsonContext.Default.AdmissionReview);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "Decode + handle + encode")]
    public async Task<int> HandleBytesAsync()
    {
        var (review, _) = await AdmissionDecoder.DecodeAsync(Body(), "application/json", CancellationToken.None, _body.Length);
        return Encode(await _handler.HandleAsync(review!.Request!, CancellationToken.None));
    }

    // The body whole in one segment, as Kestrel's pipe holds a review that arrived in one read.
    private PipeReader Body() => PipeReader.Create(new ReadOnlySequence<byte>(_body));

    private int Encode(AdmissionReview response)
    {
        _output.ResetWrittenCount();
        return PlainAnswer.TryWrite(response, _output) ? _output.WrittenCount : throw new InvalidOperationException("the answer measured is not plain");
    }

    // In-process: the generated child project does not build within BenchmarkDotNet's 2-minute limit on the
    // shared 2-core machine, and the handler needs no process isolation (no static state between runs).
    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private sealed class NoParents : IParentWorkloadReader
    {
        public Task<ParentWorkload?> ReadAsync(WorkloadRef workload, CancellationToken cancellationToken) => Task.FromResult<ParentWorkload?>(null);
    }
}
