using System.Globalization;
using ChaosLab.Experimenter.Experiments.Rendering;
using ChaosLab.Experimenter.Kubernetes;
using ChaosLab.Experimenter.Prometheus;
using ChaosLab.Experimenter.Telemetry;
using k8s;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChaosLab.Experimenter.Running;

/// <summary>Registers the engine: cluster client (explicit context), runner, orphan cleaner, telemetry observer.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>The configuration key of the Prometheus base URL.</summary>
    public const string PrometheusUrlKey = "Lab:Prometheus:Url";

    /// <summary>Adds the engine's services, configured from <paramref name="configuration"/>
    /// (<c>Lab:Cluster:*</c>, <c>Lab:Runner:*</c>, <c>Lab:Prometheus:Url</c>).</summary>
    public static IServiceCollection AddChaosLabEngine(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(ClusterConnectionOptions.From(configuration));
        services.AddSingleton(RunnerOptions(configuration));
        services.AddSingleton<IKubernetes>(sp => KubernetesClientFactory.Create(sp.GetRequiredService<ClusterConnectionOptions>()));
        services.AddSingleton<ActiveRuns>();
        services.TryAddSingleton<IExperimentRenderer, ExperimentRenderer>();
        services.AddSingleton<IRunObserver, RunTelemetryObserver>();
        services.AddHttpClient(nameof(ExperimentRunner));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<ExperimentRunnerOptions>();
            var time = sp.GetRequiredService<TimeProvider>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            IPrometheusClient? prometheus = options.PrometheusUrl is { } url
                ? new PrometheusClient(factory.CreateClient(nameof(PrometheusClient)), new PrometheusClientOptions { BaseAddress = url }, time, sp.GetRequiredService<ILogger<PrometheusClient>>())
                : null;
            return new ExperimentRunner(
                sp.GetRequiredService<IKubernetes>(),
                prometheus,
                factory.CreateClient(nameof(ExperimentRunner)),
                sp.GetRequiredService<IExperimentRenderer>(),
                sp.GetServices<IRunObserver>(),
                options,
                sp.GetRequiredService<ActiveRuns>(),
                time,
                sp.GetRequiredService<ILoggerFactory>());
        });
        services.AddSingleton(sp => new OrphanCleaner(
            sp.GetRequiredService<IKubernetes>(),
            sp.GetRequiredService<ActiveRuns>(),
            sp.GetRequiredService<ExperimentRunnerOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>Reads <see cref="ExperimentRunnerOptions"/> from <c>Lab:Runner</c> and <c>Lab:Prometheus:Url</c>.</summary>
    /// <exception cref="ArgumentException">A value is malformed (the message names the key).</exception>
    public static ExperimentRunnerOptions RunnerOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ExperimentRunnerOptions.Section);
        var defaults = new ExperimentRunnerOptions();
        var protectedNamespaces = section.GetSection("ProtectedNamespaces").GetChildren().Select(c => c.Value).OfType<string>().ToList();
        var prometheus = configuration[PrometheusUrlKey];
        var options = defaults with
        {
            ResultsDirectory = section["ResultsDirectory"] ?? defaults.ResultsDirectory,
            InjectionTimeout = Time(section, "InjectionTimeout") ?? defaults.InjectionTimeout,
            CleanupTimeout = Time(section, "CleanupTimeout") ?? defaults.CleanupTimeout,
            DeleteWaitTimeout = Time(section, "DeleteWaitTimeout") ?? defaults.DeleteWaitTimeout,
            Lease = new FaultLeaseOptions { WaitTimeout = Time(section, "LeaseWaitTimeout") ?? defaults.Lease.WaitTimeout, Duration = Time(section, "LeaseDuration") ?? defaults.Lease.Duration },
            ProtectedNamespaces = protectedNamespaces.Count > 0 ? [.. defaults.ProtectedNamespaces.Union(protectedNamespaces, StringComparer.Ordinal)] : defaults.ProtectedNamespaces,
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
