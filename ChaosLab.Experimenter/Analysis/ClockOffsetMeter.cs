using ChaosLab.Experimenter.Prometheus;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Measures the offset between Prometheus's clock and ours: <c>time()</c> by an instant query without a time is
/// evaluated at Prometheus's "now"; against our clock at the middle of the round trip that is the offset, within ± half
/// the round trip. The best of <see cref="Attempts"/> (shortest round trip) is kept.
/// </summary>
public sealed class ClockOffsetMeter(IPrometheusClient prometheus, TimeProvider time)
{
    /// <summary>Queries per measurement.</summary>
    public const int Attempts = 3;

    /// <summary>The measurement, or null when Prometheus did not answer (never throws for Prometheus errors).</summary>
    public async Task<ClockOffsetMeasurement?> TryMeasureAsync(CancellationToken cancellationToken)
    {
        ClockOffsetMeasurement? best = null;
        for (var i = 0; i < Attempts; i++)
        {
            var before = time.GetUtcNow();
            var started = time.GetTimestamp();
            PrometheusResult result;
            try
            {
                result = await prometheus.QueryAsync("time()", null, cancellationToken);
            }
            catch (PrometheusException)
            {
                return best;
            }

            var roundTrip = time.GetElapsedTime(started);
            if (result is not PrometheusScalar scalar || !double.IsFinite(scalar.Sample.Value))
            {
                return best;
            }

            var middle = before + (roundTrip / 2);
            var theirs = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(scalar.Sample.Value * 1000));
            var measured = new ClockOffsetMeasurement(theirs - middle, roundTrip, middle);
            if (best is null || measured.RoundTrip < best.RoundTrip)
            {
                best = measured;
            }
        }

        return best;
    }
}
