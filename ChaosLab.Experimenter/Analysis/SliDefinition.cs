namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// A named SLI: a PromQL template plus how to judge it. Template placeholders: <c>$selector</c> (label matchers of
/// the target, without braces), <c>$window</c> (lookback of <c>irate</c>: 2 sampling intervals), <c>$interval</c>
/// (the sampling interval as a PromQL duration) and <c>$seconds</c> (the same as a number of seconds).
/// The template must return one series per service: aggregate <c>by (service_name)</c> (then one query measures every
/// service at once), or with a plain <c>sum</c> (then it is evaluated once per service).
/// </summary>
/// <param name="Name">Stable name, e.g. <c>error_ratio</c>.</param>
/// <param name="Unit">Unit of the values, e.g. <c>ratio</c>, <c>rps</c>, <c>ms</c>.</param>
/// <param name="Direction">Which way is worse.</param>
/// <param name="Template">The PromQL template.</param>
/// <param name="Description">One line for people.</param>
/// <param name="Tolerance">How its tolerance band is drawn.</param>
/// <param name="NeedsTraffic">True when the value is undefined without traffic (ratios, quantiles): NaN then means "no traffic".</param>
public sealed record SliDefinition(
    string Name,
    string Unit,
    SliDirection Direction,
    string Template,
    string Description,
    ToleranceRule Tolerance,
    bool NeedsTraffic)
{
    /// <summary>The template with its placeholders filled in.</summary>
    public string Render(SliTarget target, TimeSpan window, TimeSpan interval) =>
        Render((target ?? throw new ArgumentNullException(nameof(target))).Selector(), window, interval);

    /// <summary>The template with <paramref name="selector"/> (label matchers without braces) and the times filled in.</summary>
    public string Render(string selector, TimeSpan window, TimeSpan interval) =>
        Template
            .Replace("$selector", selector, StringComparison.Ordinal)
            .Replace("$window", Prometheus.PrometheusFormat.Duration(window), StringComparison.Ordinal)
            .Replace("$interval", Prometheus.PrometheusFormat.Duration(interval), StringComparison.Ordinal)
            .Replace("$seconds", interval.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
