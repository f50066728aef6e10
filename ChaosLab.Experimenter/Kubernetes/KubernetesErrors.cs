using System.Net;
using k8s.Autorest;

namespace ChaosLab.Experimenter.Kubernetes;

/// <summary>Classifies API failures by HTTP status code, never by message text.</summary>
public static class KubernetesErrors
{
    /// <summary>The status code of an API error, or null for other exceptions.</summary>
    public static HttpStatusCode? StatusOf(Exception exception) =>
        exception is HttpOperationException { Response: { } response } ? response.StatusCode : null;

    /// <summary>404.</summary>
    public static bool IsNotFound(Exception exception) => StatusOf(exception) == HttpStatusCode.NotFound;

    /// <summary>409.</summary>
    public static bool IsConflict(Exception exception) => StatusOf(exception) == HttpStatusCode.Conflict;

    /// <summary>Worth retrying as it is: 429, 5xx, or the connection failed, was cut or timed out. A 409 is
    /// not: it is retried only where the operation re-reads before writing again (see <see cref="ClusterCalls"/>).</summary>
    public static bool IsTransient(Exception exception) =>
        StatusOf(exception) is { } code
            ? code is HttpStatusCode.TooManyRequests || (int)code >= 500
            : exception is HttpRequestException or IOException or TimeoutException
                || (exception is HttpOperationException { Response: null } && exception.InnerException is { } inner && IsTransient(inner));

    /// <summary>A short description for reports: the status code, or the message of a connection failure.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return StatusOf(exception) is { } code
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"HTTP {(int)code} {code}")
            : exception.Message;
    }
}
