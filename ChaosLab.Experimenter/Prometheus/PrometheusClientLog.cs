using Microsoft.Extensions.Logging;

namespace ChaosLab.Experimenter.Prometheus;

/// <summary>Log messages of <see cref="PrometheusClient"/>.</summary>
internal static partial class PrometheusClientLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Prometheus {Endpoint} attempt {Attempt}/{MaxAttempts} failed ({Kind}): {Reason}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, int maxAttempts, PrometheusErrorKind kind, string reason, double delayMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Prometheus {Endpoint} answered in {ElapsedMs} ms")]
    public static partial void Answered(ILogger logger, string endpoint, double elapsedMs);
}
