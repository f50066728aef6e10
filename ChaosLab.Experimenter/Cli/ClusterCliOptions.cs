using System.CommandLine;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Running;
using Microsoft.Extensions.Logging.Console;

namespace ChaosLab.Experimenter.Cli;

/// <summary>The cluster options shared by <c>run</c>, <c>clean</c> and <c>abort</c>; they override the
/// configuration (environment variables such as <c>Lab__Cluster__Context</c>).</summary>
public sealed class ClusterCliOptions
{
    /// <summary><c>--kubeconfig</c>.</summary>
    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Kubeconfig file (default: Lab:Cluster:Kubeconfig, $KUBECONFIG or ~/.kube/config)." };

    /// <summary><c>--context</c>.</summary>
    public Option<string[]> Context { get; } = new("--context")
    {
        Description = "Kube context to use (required here or as Lab:Cluster:Context; the current context is never assumed). `run` of a suite takes it more than once: the suite runs on each context in turn.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary><c>--prometheus</c>.</summary>
    public Option<string[]> Prometheus { get; } = new("--prometheus")
    {
        Description = "Prometheus base URL for probes (default: Lab:Prometheus:Url). `run` of a suite over several --context values takes it once (for every context) or once per --context, paired by order.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(this.Kubeconfig);
        command.Options.Add(this.Context);
        command.Options.Add(this.Prometheus);
    }

    /// <summary>Builds the engine's services through the one composition root (<see cref="EngineServiceCollectionExtensions.AddChaosLabEngine"/>)
    /// from environment configuration plus these options and <paramref name="extra"/> keys.</summary>
    /// <exception cref="ArgumentException">A configuration value is malformed (the message names the key).</exception>
    /// <param name="context">The context to use instead of <c>--context</c> (one of several, for a suite over several clusters).</param>
    /// <param name="prometheus">The Prometheus to use instead of <c>--prometheus</c> (the one paired with <paramref name="context"/>).</param>
    /// <exception cref="ArgumentException"><c>--context</c> (or <c>--prometheus</c>) was given more than once and <paramref name="context"/> (or <paramref name="prometheus"/>) is null.</exception>
    public ServiceProvider BuildEngine(ParseResult parseResult, IReadOnlyDictionary<string, string?>? extra = null, IRunObserver? observer = null, string? context = null, string? prometheus = null)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var contexts = this.Contexts(parseResult);
        context ??= contexts.Count switch
        {
            0 => null,
            1 => contexts[0],
            _ => throw new ArgumentException($"--context is given {contexts.Count} times: only `run` of a suite takes several contexts"),
        };
        var prometheusUrls = this.PrometheusUrls(parseResult);
        prometheus ??= prometheusUrls.Count switch
        {
            0 => null,
            1 => prometheusUrls[0],
            _ => throw new ArgumentException($"--prometheus is given {prometheusUrls.Count} times: only `run` of a suite pairs one with each --context"),
        };
        var overrides = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>());
        Set(overrides, ClusterConnectionOptions.Section + ":Kubeconfig", parseResult.GetValue(this.Kubeconfig));
        Set(overrides, ClusterConnectionOptions.Section + ":Context", context);
        Set(overrides, EngineServiceCollectionExtensions.PrometheusUrlKey, prometheus);
        var configuration = EngineConfiguration.Build(overrides);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
        services.AddChaosLabEngine(configuration);
        if (observer is not null)
        {
            services.AddSingleton(observer);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The <c>--context</c> values, in the order given, without repeats.</summary>
    public IReadOnlyList<string> Contexts(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return [.. (parseResult.GetValue(this.Context) ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The <c>--prometheus</c> values, in the order given.</summary>
    public IReadOnlyList<string> PrometheusUrls(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return [.. (parseResult.GetValue(this.Prometheus) ?? []).Where(p => !string.IsNullOrWhiteSpace(p))];
    }

    private static void Set(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            overrides[key] = value;
        }
    }
}
