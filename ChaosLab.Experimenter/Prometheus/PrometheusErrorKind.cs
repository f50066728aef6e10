namespace ChaosLab.Experimenter.Prometheus;

/// <summary>Why a Prometheus call failed; decides whether it was retried and how the CLI reports it.</summary>
public enum PrometheusErrorKind
{
    /// <summary>No HTTP answer: connection refused, DNS failure, reset (retried).</summary>
    Unreachable,

    /// <summary>No answer within the per-attempt timeout (retried).</summary>
    Timeout,

    /// <summary>The server rejected the query (HTTP 400/422: <c>bad_data</c>, <c>execution</c>); not retried.</summary>
    BadQuery,

    /// <summary>The server failed (HTTP 5xx or 429; retried).</summary>
    ServerError,

    /// <summary>The answer was not a Prometheus API response this client understands; not retried.</summary>
    InvalidResponse,
}
