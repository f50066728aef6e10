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

    /// <summary>Worth retrying: 409, 429, 5xx, or the connection failed/timed out.</summary>
    public static bool IsTransient(Exception exception) =>
        StatusOf(exception) is { } code
            ? code is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)code >= 500
            : exception is HttpRequestException or IOException or TimeoutException;
}
