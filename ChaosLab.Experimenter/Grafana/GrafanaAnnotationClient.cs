using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChaosLab.Experimenter.Grafana;

/// <summary>Grafana's annotation API: <c>POST /api/annotations</c> (returns the id) and <c>PATCH /api/annotations/{id}</c>.
/// Each request is bounded by <see cref="GrafanaOptions.Timeout"/>; every failure (connection refused, timeout, error
/// status, an answer without an id) is a <see cref="GrafanaUnavailableException"/> whose message never contains the token.</summary>
public sealed class GrafanaAnnotationClient(HttpClient http, GrafanaOptions options, TimeProvider time)
{
    /// <summary>The named <see cref="HttpClient"/> (no retry handler: a missing Grafana must cost at most one timeout).</summary>
    public const string HttpClientName = "chaoslab-grafana";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Creates the annotation; returns Grafana's id for it.</summary>
    public async Task<long> CreateAsync(GrafanaAnnotation annotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        using var answer = await this.SendAsync(HttpMethod.Post, "api/annotations", annotation, cancellationToken);
        return answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("id", out var id) && id.TryGetInt64(out var value)
            ? value
            : throw new GrafanaUnavailableException($"Grafana at {options.Url} answered POST api/annotations without an id");
    }

    /// <summary>Replaces the text, tags and region of annotation <paramref name="id"/>.</summary>
    public async Task UpdateAsync(long id, GrafanaAnnotation annotation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        using var _ = await this.SendAsync(HttpMethod.Patch, string.Create(CultureInfo.InvariantCulture, $"api/annotations/{id}"), annotation, cancellationToken);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, GrafanaAnnotation annotation, CancellationToken cancellationToken)
    {
        var baseUrl = options.Url ?? throw new InvalidOperationException($"{GrafanaOptions.UrlKey} is not set");
        var url = new Uri(new Uri(baseUrl.ToString().TrimEnd('/') + "/"), path);
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(annotation, options: Json) };
        if (options.ApiToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new GrafanaUnavailableException(string.Create(CultureInfo.InvariantCulture,
                    $"Grafana at {baseUrl} answered {method} {path} with HTTP {(int)response.StatusCode} {response.StatusCode}"));
            }

            return JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        }
        catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GrafanaUnavailableException(string.Create(CultureInfo.InvariantCulture,
                $"Grafana at {baseUrl} did not answer {method} {path} within {options.Timeout.TotalSeconds:0.#} s"), e);
        }
        catch (HttpRequestException e)
        {
            throw new GrafanaUnavailableException($"Grafana at {baseUrl} is not reachable ({method} {path}): {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new GrafanaUnavailableException($"Grafana at {baseUrl} answered {method} {path} with something that is not JSON", e);
        }
    }
}
