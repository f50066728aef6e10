using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>Prometheus failures that mean "no verdict" (unreachable, timeout, server error, garbled answer) become <see cref="AnalysisInconclusiveException"/>; a refused query stays a <see cref="PrometheusException"/>.</summary>
internal static class PrometheusCalls
{
    public static async Task<T> OrInconclusiveAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (PrometheusException ex) when (ex.Kind is PrometheusErrorKind.Unreachable or PrometheusErrorKind.Timeout or PrometheusErrorKind.ServerError or PrometheusErrorKind.InvalidResponse)
        {
            throw new AnalysisInconclusiveException(ex.Message, ex);
        }
    }
}
