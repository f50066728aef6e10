namespace ChaosLab.Experimenter.Cli;

/// <summary>One kube context of <c>chaoslab run</c> with the Prometheus and Grafana its runs use.</summary>
/// <param name="Context">The kube context (null: the configured <c>Lab:Cluster:Context</c>).</param>
/// <param name="Prometheus">Its <c>--prometheus</c> (null: <c>Lab:Prometheus:Url</c>, if any).</param>
/// <param name="Grafana">Its <c>--grafana</c> (null: <c>Lab:Grafana:Url</c>, if any).</param>
public sealed record ContextTarget(string? Context, string? Prometheus, string? Grafana);
