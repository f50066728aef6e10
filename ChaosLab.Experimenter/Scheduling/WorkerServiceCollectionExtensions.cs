using ChaosLab.Experimenter.Api;
using ChaosLab.Experimenter.Reporting;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Worker;

namespace ChaosLab.Experimenter.Scheduling;

/// <summary>Registers the worker's engine, catalog, run coordinator and scheduler.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>Adds everything the worker needs to run experiments and suites (<c>Lab:*</c> configuration).</summary>
    public static IServiceCollection AddChaosLabWorker(this IServiceCollection services, IConfiguration configuration)
    {
        // The engine (runner, validator with the operator's safety limits, HTTP clients) exactly as `chaoslab run` builds it.
        services.AddChaosLabEngine(configuration);
        services.AddSingleton(SchedulerOptions.From(configuration));
        services.AddSingleton<ExperimentCatalog>();
        services.AddSingleton<WorkerHalt>();
        services.AddSingleton<RunLedger>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton(sp => RunReportPublisher.Create(sp, configuration));
        services.AddSingleton(sp => new StartupCleanup(
            ct => sp.GetRequiredService<OrphanCleaner>().CleanAsync(null, ct), // resolved per attempt: the kubeconfig may appear later
            sp.GetRequiredService<SchedulerOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<StartupCleanup>>()));
        services.AddHostedService(sp => sp.GetRequiredService<StartupCleanup>());
        services.AddSingleton(sp => ApiToken.Resolve(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<SchedulerOptions>(), sp.GetRequiredService<ILogger<ApiToken>>()));
        services.AddHostedService<SuiteScheduler>();

        // On SIGTERM a run in progress cleans up before the process exits: give it the time to.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));
        return services;
    }
}
