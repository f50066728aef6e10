namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>An API error the fake server turns into a Kubernetes <c>Status</c> response.</summary>
public sealed class FakeApiException(int code, string reason, string message) : Exception(message)
{
    /// <summary>HTTP status code (404, 409, 410, 422, 500 …).</summary>
    public int Code { get; } = code;

    /// <summary>Kubernetes status reason (NotFound, AlreadyExists, Conflict, Gone …).</summary>
    public string Reason { get; } = reason;
}
