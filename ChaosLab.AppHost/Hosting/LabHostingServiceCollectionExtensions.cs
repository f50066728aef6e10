using ChaosLab.AppHost.Hosting.Cluster;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Minikube;
using ChaosLab.AppHost.Hosting.PortForwarding;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.AppHost.Hosting.Telemetry;
using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.AppHost.Hosting.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChaosLab.AppHost.Hosting;

/// <summary>Registers the hosting integration's services once (seams first: process runner, time).</summary>
public static class LabHostingServiceCollectionExtensions
{
    /// <summary>Adds the process runner, tool preflight, provisioners and resource lifecycles (idempotent).</summary>
    public static IServiceCollection AddLabHosting(this IServiceCollection services)
    {
        services.TryAddSingleton<IProcessRunner, CliWrapProcessRunner>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ToolPreflight>();
        services.TryAddSingleton<MinikubeClusterProvisioner>();
        services.TryAddSingleton<ExistingClusterConnector>();
        services.TryAddSingleton<HelmReleaseInstaller>();
        services.TryAddSingleton<OnlineBoutiqueInstaller>();
        services.TryAddSingleton<PortForwardSupervisor>();
        services.TryAddSingleton(new PortForwardPolicy());
        services.TryAddSingleton<ClusterLifecycle>();
        services.TryAddSingleton<HelmReleaseLifecycle>();
        services.TryAddSingleton<OnlineBoutiqueLifecycle>();
        services.TryAddSingleton<PortForwardLifecycle>();
        services.TryAddSingleton<InClusterExperimenterLifecycle>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LabReadinessReporter>());
        return services;
    }
}
