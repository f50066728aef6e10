using ChaosLab.Experimenter.Api;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Experimenter.Telemetry;

namespace ChaosLab.Experimenter.Worker;

/// <summary>Composes the worker's web host: service defaults, telemetry, health (cluster, start-up cleanup), HTTP API (token).</summary>
public static class ExperimenterHost
{
    /// <summary>Builds the host; call <c>RunAsync</c> on the result.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddServiceDefaults(ChaosLabTelemetry.Name);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddChaosLabWorker(builder.Configuration);
        builder.Services.AddSingleton<LiveRunPhases>();
        builder.Services.AddSingleton<Running.IRunObserver>(sp => sp.GetRequiredService<LiveRunPhases>());
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterReachabilityCheck>("cluster", tags: ["ready"])
            .AddCheck<StartupCleanupHealthCheck>("startup-cleanup", tags: ["ready"]);
        builder.Services.AddHostedService<TargetAnnouncer>();

        var app = builder.Build();
        _ = app.Services.GetRequiredService<Api.ApiToken>(); // at start: the token file exists before the first request
        app.MapDefaultEndpoints();
        app.MapChaosLabApi();
        return app;
    }
}
