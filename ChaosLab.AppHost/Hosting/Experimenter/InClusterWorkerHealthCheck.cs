using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChaosLab.AppHost.Hosting.Experimenter;

/// <summary>
/// The in-cluster experimenter's health after its rollout, as the dashboard shows it next to the Running state: the worker
/// through its API port-forward, <c>GET /health</c> (its cluster and start-up cleanup checks) and <c>GET /api/status</c>
/// with this start's token (the reason). Unhealthy when the forward or the worker does not answer, when the worker
/// refuses the token, while its start-up cleanup is pending (its own words), or when its cluster check fails.
/// </summary>
internal sealed class InClusterWorkerHealthCheck(HttpClient http, Uri apiUrl, string token, string forwardName) : IHealthCheck
{
    /// <summary>Longest one check waits for the worker.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            using var health = await http.GetAsync(new Uri(apiUrl, "health"), timeout.Token);
            using var statusRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(apiUrl, "api/status"));
            statusRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var status = await http.SendAsync(statusRequest, timeout.Token);
            if (status.StatusCode == HttpStatusCode.Unauthorized)
            {
                return HealthCheckResult.Unhealthy("the worker refuses this AppHost's API token (its pod still runs with an earlier token Secret; it restarts with the next rollout)");
            }

            if (!status.IsSuccessStatusCode)
            {
                return HealthCheckResult.Unhealthy(string.Create(CultureInfo.InvariantCulture, $"the worker's GET /api/status answered HTTP {(int)status.StatusCode}"));
            }

            using var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync(timeout.Token));
            var cleanup = Text(json.RootElement, "startupCleanup", "state");
            var cleanupText = Text(json.RootElement, "startupCleanup", "description") ?? "start-up cleanup state unknown";
            var halt = Text(json.RootElement, "halted", "message");
            if (health.IsSuccessStatusCode)
            {
                return HealthCheckResult.Healthy(halt is null ? $"the worker answers through '{forwardName}'; {cleanupText}" : $"the worker answers through '{forwardName}'; halted: {halt}");
            }

            return HealthCheckResult.Unhealthy(cleanup == "pending"
                ? cleanupText
                : string.Create(CultureInfo.InvariantCulture, $"the worker's /health answers {(int)health.StatusCode}: its cluster check fails (the Kubernetes API is not reachable from the pod; its log says why); {cleanupText}"));
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy($"the worker does not answer through port-forward '{forwardName}' ({apiUrl}): {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the worker did not answer through port-forward '{forwardName}' ({apiUrl}) within {Timeout.TotalSeconds:0} s");
        }
        catch (JsonException e)
        {
            return HealthCheckResult.Unhealthy($"the worker's GET /api/status is not the expected JSON: {e.Message}");
        }
    }

    private static string? Text(JsonElement root, string property, string inner) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var outer) && outer.ValueKind == JsonValueKind.Object
        && outer.TryGetProperty(inner, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
