namespace ChaosLab.Experimenter.Prometheus;

/// <summary>A failed Prometheus call. The message names the query and the server's own error text.</summary>
public sealed class PrometheusException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> is the whole human-readable text.</summary>
    public PrometheusException(
        PrometheusErrorKind kind,
        string message,
        string? query = null,
        string? errorType = null,
        string? serverMessage = null,
        int? statusCode = null,
        int attempts = 1,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Query = query;
        ErrorType = errorType;
        ServerMessage = serverMessage;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    /// <summary>Creates an exception without details (required by the exception pattern).</summary>
    public PrometheusException()
        : this(PrometheusErrorKind.InvalidResponse, "Prometheus call failed.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public PrometheusException(string message)
        : this(PrometheusErrorKind.InvalidResponse, message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public PrometheusException(string message, Exception innerException)
        : this(PrometheusErrorKind.InvalidResponse, message, innerException: innerException)
    {
    }

    /// <summary>What kind of failure this was.</summary>
    public PrometheusErrorKind Kind { get; }

    /// <summary>The PromQL query, when the call was a query.</summary>
    public string? Query { get; }

    /// <summary>The API's <c>errorType</c> (<c>bad_data</c>, <c>execution</c>, <c>timeout</c>, …), when it sent one.</summary>
    public string? ErrorType { get; }

    /// <summary>The API's <c>error</c> text, when it sent one.</summary>
    public string? ServerMessage { get; }

    /// <summary>The HTTP status code, when there was an HTTP answer.</summary>
    public int? StatusCode { get; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; }
}
