namespace ChaosLab.Experimenter.Journal;

/// <summary>The suite's runs on one kube context.</summary>
public sealed record SuiteContextResult
{
    /// <summary>The kube context.</summary>
    public required string Context { get; init; }

    /// <summary>The context's API server, when the kubeconfig named one.</summary>
    public string? Server { get; set; }

    /// <summary>The Prometheus this context's probes and SLI analysis used (<c>--prometheus</c>, paired with this <c>--context</c>
    /// or given once, else <c>Lab:Prometheus:Url</c>), if any.</summary>
    public string? Prometheus { get; set; }

    /// <summary>The Grafana this context's fault windows were annotated in (<c>--grafana</c>, else <c>Lab:Grafana:Url</c>), if any.</summary>
    public string? Grafana { get; set; }

    /// <summary>When the context's first run started (or its engine was built).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When the context's last run ended (or the context failed).</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why the context ran nothing (no such context, unreachable), else null.</summary>
    public string? Error { get; set; }

    /// <summary>One entry per experiment run, in suite order.</summary>
    public List<SuiteExperimentResult> Runs { get; init; } = [];
}
