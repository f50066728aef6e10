using ChaosLab.Experimenter.Running;

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
        services.AddSingleton<RunCoordinator>();
        services.AddHostedService<SuiteScheduler>();

        // On SIGTERM a run in progress cleans up before the process exits: give it the time to.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(90));
        return services;
    }
}
