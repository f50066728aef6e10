using System.Globalization;
using System.Net;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// Calls the experimenter worker's loopback API (<c>/api/…</c>) for the dashboard commands, with the
/// API token as <c>Authorization: Bearer</c>, and turns each answer into a <see cref="ExecuteCommandResult"/>
/// carrying the API's own message.
/// </summary>
internal sealed class ExperimenterApiClient(HttpClient http, Uri baseAddress, string token)
{
    /// <summary>The named <see cref="HttpClient"/> the commands use.</summary>
    public const string HttpClientName = "chaoslab-experimenter-api";

    /// <summary>Longest answer text quoted in a failure message.</summary>
    private const int MaxQuotedBody = 300;

    /// <summary>The names of the worker's valid experiments (<c>GET /api/experiments</c>), in its order.</summary>
    public async Task<IReadOnlyList<string>> ExperimentNamesAsync(CancellationToken cancellationToken)
    {
        using var request = this.Request(HttpMethod.Get, "api/experiments");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(Describe(response.StatusCode, body), inner: null, response.StatusCode);
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("experiments", out var experiments) && experiments.ValueKind == JsonValueKind.Array
            ? [.. experiments.EnumerateArray().Select(e => e.GetProperty("name").GetString()).OfType<string>()]
            : [];
    }

    /// <summary><c>POST /api/experiments/{name}/run</c>: queues one experiment.</summary>
    public Task<ExecuteCommandResult> RunExperimentAsync(string name, CancellationToken cancellationToken) =>
        PostAsync($"api/experiments/{Uri.EscapeDataString(name)}/run", body =>
            $"Queued experiment '{name}' as run {Text(body, "runId")}.", cancellationToken);

    /// <summary><c>POST /api/suites/{name}/run</c>: queues a suite's experiments in order.</summary>
    public Task<ExecuteCommandResult> RunSuiteAsync(string name, CancellationToken cancellationToken) =>
        PostAsync($"api/suites/{Uri.EscapeDataString(name)}/run", body =>
        {
            var runs = body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [];
            var list = string.Join(", ", runs.Select(r => $"{Text(r, "experiment")} ({Text(r, "runId")})"));
            return $"Queued suite '{name}': {runs.Count} run(s): {list}.";
        }, cancellationToken);

    /// <summary><c>POST /api/abort</c>: the global halt. A partial clean-up (any <c>failed</c> line) is a failure.</summary>
    public async Task<ExecuteCommandResult> AbortAsync(CancellationToken cancellationToken)
    {
        var failedLines = new List<string>();
        var result = await PostAsync("api/abort", body =>
        {
            var removed = Lines(body, "removed");
            failedLines.AddRange(Lines(body, "failed"));
            return removed.Count == 0
                ? "Abort done: nothing to remove."
                : string.Create(CultureInfo.InvariantCulture, $"Abort done: removed {removed.Count}: {string.Join("; ", removed)}.");
        }, cancellationToken);

        return result.Success && failedLines.Count > 0
            ? CommandResults.Failure($"Abort left {failedLines.Count} thing(s) behind: {string.Join("; ", failedLines)}. Run 'chaoslab clean'.")
            : result;
    }

    /// <summary><c>GET /api/live</c>: recent runs with phase, fault window and TTR, newest first.</summary>
    public async Task<IReadOnlyList<LiveRun>> LiveAsync(CancellationToken cancellationToken)
    {
        using var request = this.Request(HttpMethod.Get, "api/live");
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(Describe(response.StatusCode, body), inner: null, response.StatusCode);
        }

        return LiveRuns.Parse(body);
    }

    /// <summary><c>POST /api/runs/{runId}/abort</c>: aborts one queued or running run.</summary>
    public Task<ExecuteCommandResult> AbortRunAsync(string runId, CancellationToken cancellationToken) =>
        PostAsync($"api/runs/{Uri.EscapeDataString(runId)}/abort", body => Text(body, "message") ?? $"Aborting run {runId}.", cancellationToken);

    /// <summary><c>GET /api/runs/{runId}/{file}</c>: copies one of a finished run's files to <paramref name="target"/> (written
    /// to a temporary name, then renamed, so a reader never sees half a file).</summary>
    /// <exception cref="HttpRequestException">The worker did not answer, or answered with an error (its message included).</exception>
    public async Task DownloadRunFileAsync(string runId, string file, string target, CancellationToken cancellationToken)
    {
        using var request = this.Request(HttpMethod.Get, $"api/runs/{Uri.EscapeDataString(runId)}/{Uri.EscapeDataString(file)}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"{file}: {Describe(response.StatusCode, body)}", inner: null, response.StatusCode);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = target + ".part";
        await using (var output = File.Create(temp))
        {
            await response.Content.CopyToAsync(output, cancellationToken);
        }

        File.Move(temp, target, overwrite: true);
    }

    /// <summary><c>POST /api/resume</c>: lifts the halt of an earlier abort.</summary>
    public Task<ExecuteCommandResult> ResumeAsync(CancellationToken cancellationToken) =>
        PostAsync("api/resume", body => Text(body, "resumed") == "true"
            ? "Resumed: runs may start again."
            : "Not halted: runs may start.", cancellationToken);

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<ExecuteCommandResult> PostAsync(string path, Func<JsonElement, string> describeSuccess, CancellationToken cancellationToken)
    {
        var url = new Uri(baseAddress, path);
        try
        {
            using var request = this.Request(HttpMethod.Post, path);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return CommandResults.Failure(Describe(response.StatusCode, body));
            }

            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
            return CommandResults.Success(describeSuccess(json.RootElement));
        }
        catch (HttpRequestException ex)
        {
            return CommandResults.Failure($"The experimenter API at {url} did not answer: {ex.Message}");
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CommandResults.Failure($"The experimenter API at {url} timed out: {ex.Message}");
        }
        catch (JsonException ex)
        {
            return CommandResults.Failure($"The experimenter API at {url} answered something that is not JSON: {ex.Message}");
        }
    }

    /// <summary>"HTTP 409 Conflict: a run is in progress" — the API's <c>error</c>, a problem's <c>detail</c>/<c>title</c>, or the raw text.</summary>
    private static string Describe(HttpStatusCode status, string body)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status} {status}");
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                message = Text(json.RootElement, "error") ?? Text(json.RootElement, "detail") ?? Text(json.RootElement, "title");
                var errors = Lines(json.RootElement, "errors");
                if (message is not null && errors.Count > 0)
                {
                    message += ": " + string.Join("; ", errors);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: quote the text itself below.
        }

        message ??= body.Trim() is { Length: > 0 } text ? text[..Math.Min(text.Length, MaxQuotedBody)] : null;
        return message is null ? prefix : $"{prefix}: {message}";
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static List<string> Lines(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())]
            : [];
}
