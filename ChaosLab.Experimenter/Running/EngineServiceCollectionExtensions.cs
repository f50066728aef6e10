using System.Globalization;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Experiments.Safety;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Telemetry;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// The one composition root of the engine: every entry point that runs experiments (<c>chaoslab run</c>, the
/// worker) builds it here, from configuration, with the same options, the same safety policy for validation
/// and run time, and the same HTTP clients.
/// </summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>The configuration key of the Prometheus base URL.</summary>
    public const string PrometheusUrlKey = "Lab:Prometheus:Url";

    /// <summary>The configuration key of the namespace for bare manifests that name none (<c>--default-namespace</c>).</summary>
    public const string DefaultNamespaceKey = ExperimentRunnerOptions.Section + ":DefaultNamespace";

    /// <summary>Adds the engine's services, configured from <paramref name="configuration"/>
    /// (<c>Lab:Cluster:*</c>, <c>Lab:Runner:*</c>, <c>Lab:Prometheus:Url</c>): the cluster client (explicit context),
    /// the validator, the runner with its run-time safety check, the orphan cleaner and the telemetry observer.</summary>
    /// <exception cref="ArgumentException">A value is malformed (the message names the key).</exception>
    public static IServiceCollection AddChaosLabEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var safety = SafetyLimits.From(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(ClusterConnectionOptions.From(configuration));
        services.AddSingleton(safety);
        services.AddSingleton(new BlastRadiusPolicy(safety));
        services.AddSingleton(ValidationOptions(configuration, safety));
        services.AddSingleton(sp => new ExperimentFileValidator(sp.GetRequiredService<ExperimentValidationOptions>()));
        services.AddSingleton(RunnerOptions(configuration) with { Safety = safety });
        services.AddSingleton<IKubernetes>(sp => KubernetesClientFactory.Create(sp.GetRequiredService<ClusterConnectionOptions>()));
        services.AddSingleton(sp => new RunSafetyCheck(sp.GetRequiredService<IKubernetes>(), sp.GetRequiredService<BlastRadiusPolicy>(), new ClusterCalls(ClusterRetryOptions.Default, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<ActiveRuns>();
        services.TryAddSingleton<IExperimentRenderer, ExperimentRenderer>();
        services.AddSingleton<IRunObserver, RunTelemetryObserver>();
        services.AddEngineHttpClients();
        Grafana.GrafanaServiceCollectionExtensions.AddGrafanaAnnotations(services, configuration);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ExperimentRunnerOptions>();
            var time = sp.GetRequiredService<TimeProvider>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            IPrometheusClient? prometheus = options.PrometheusUrl is { } url
                ? new PrometheusClient(factory.CreateClient(EngineHttpClients.Prometheus), new PrometheusClientOptions { BaseAddress = url }, time, sp.GetRequiredService<ILogger<PrometheusClient>>())
                : null;
            return new ExperimentRunner(
                sp.GetRequiredService<IKubernetes>(),
                prometheus,
                factory.CreateClient(EngineHttpClients.Probe),
                sp.GetRequiredService<IExperimentRenderer>(),
                sp.GetServices<IRunObserver>(),
                options,
                sp.GetRequiredService<ActiveRuns>(),
                time,
                sp.GetRequiredService<ILoggerFactory>(),
                sp.GetRequiredService<RunSafetyCheck>());
        });
        services.AddSingleton(sp => new OrphanCleaner(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<ActiveRuns>(),
            sp.GetRequiredService<ExperimentRunnerOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>The validation policy from configuration: the operator's <see cref="SafetyLimits"/> and
    /// <c>Lab:Runner:DefaultNamespace</c>. <c>validate</c> and <c>render</c> use it as the engine does.</summary>
    /// <exception cref="ArgumentException">A value is malformed (the message names the key).</exception>
    public static ExperimentValidationOptions ValidationOptions(IConfiguration configuration, SafetyLimits? safety = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaultNamespace = configuration[DefaultNamespaceKey];
        return ExperimentValidationOptions.Default with
        {
            Safety = safety ?? SafetyLimits.From(configuration),
            DefaultNamespace = string.IsNullOrWhiteSpace(defaultNamespace) ? ExperimentValidationOptions.Default.DefaultNamespace : defaultNamespace,
        };
    }

    /// <summary>Reads <see cref="ExperimentRunnerOptions"/> from <c>Lab:Runner</c> (with <c>Lab:Runner:ProbeUrlMap</c>) and <c>Lab:Prometheus:Url</c>.</summary>
    /// <exception cref="ArgumentException">A value is malformed (the message names the key).</exception>
    public static ExperimentRunnerOptions RunnerOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ExperimentRunnerOptions.Section);
        var defaults = new ExperimentRunnerOptions();
        var prometheus = configuration[PrometheusUrlKey];
        var options = defaults with
        {
            ResultsDirectory = section["ResultsDirectory"] ?? defaults.ResultsDirectory,
            InjectionTimeout = Time(section, "InjectionTimeout") ?? defaults.InjectionTimeout,
            CleanupTimeout = Time(section, "CleanupTimeout") ?? defaults.CleanupTimeout,
            DeleteWaitTimeout = Time(section, "DeleteWaitTimeout") ?? defaults.DeleteWaitTimeout,
            Safety = SafetyLimits.From(configuration),
            ProbeUrlMap = ProbeUrlMap.From(configuration),
            Lease = new FaultLeaseOptions { WaitTimeout = Time(section, "LeaseWaitTimeout") ?? defaults.Lease.WaitTimeout, Duration = Time(section, "LeaseDuration") ?? defaults.Lease.Duration },
            PrometheusUrl = string.IsNullOrWhiteSpace(prometheus)
                ? null
                : Uri.TryCreate(prometheus, UriKind.Absolute, out var url) ? url : throw new ArgumentException($"{PrometheusUrlKey}: '{prometheus}' is not an absolute URL"),
        };
        options.Validate();
        return options;
    }

    private static TimeSpan? Time(IConfigurationSection section, string key) =>
        section[key] is not { Length: > 0 } text
            ? null
            : Experiments.Model.GoDuration.TryParse(text, out var value, out _) ? value
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) ? value
            : throw new ArgumentException($"{section.Path}:{key}: '{text}' is not a duration (e.g. 60s or 00:01:00)");
}
