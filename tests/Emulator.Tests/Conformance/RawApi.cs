using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>A response of the emulator: status code, JSON body (null when empty), Warning headers and Content-Type.</summary>
public sealed record RawResponse(HttpStatusCode Status, JsonNode? Body, IReadOnlyList<string> Warnings, string? ContentType = null);

/// <summary>
/// Plain HTTP against the emulator, JSON in and out, for the API machinery kubectl and client libraries rely on
/// but typed clients hide (CRDs, custom resources, server-side apply, warnings).
/// </summary>
public sealed class RawApi(Uri server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server };

    public Task<RawResponse> GetAsync(string path, string? accept = null) => SendAsync(HttpMethod.Get, path, null, null, accept);

    public Task<RawResponse> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json, "application/json");

    public Task<RawResponse> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json, "application/json");

    public Task<RawResponse> PatchAsync(string path, string json, string contentType = "application/merge-patch+json") =>
        SendAsync(HttpMethod.Patch, path, json, contentType);

    public Task<RawResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, null);

    /// <summary>Like <see cref="SendAsync"/>, failing the test unless the status is <paramref name="expected"/>.</summary>
    public static async Task<JsonNode> ExpectAsync(HttpStatusCode expected, Task<RawResponse> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await request;
        response.Status.ShouldBe(expected, response.Body?.ToJsonString());
        return response.Body!;
    }

    /// <summary>A streaming GET (a watch): the response as soon as its headers arrive.</summary>
    public Task<HttpResponseMessage> OpenStreamAsync(string path) =>
        _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

    public async Task<RawResponse> SendAsync(HttpMethod method, string path, string? json, string? contentType, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType!);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return new RawResponse(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), warnings, response.Content.Headers.ContentType?.ToString());
    }

    public void Dispose() => _http.Dispose();
}
