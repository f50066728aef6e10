using ChaosLab.Experimenter.Running;

namespace ChaosLab.Experimenter.Grafana;

/// <summary>Registers the Grafana annotation observer when <c>Lab:Grafana:Url</c> is set.</summary>
public static class GrafanaServiceCollectionExtensions
{
    /// <summary>Adds <see cref="GrafanaAnnotationObserver"/> as a run observer (nothing when no Grafana URL is configured).</summary>
    public static IServiceCollection AddGrafanaAnnotations(this IServiceCollection services, IConfiguration configuration)
    {
        var options = GrafanaOptions.From(configuration);
        if (options.Url is null)
        {
            return services;
        }

        services.AddSingleton(options);
        // The worker's service defaults add a retrying resilience handler to every client; an onlooker that must cost
        // at most one timeout per request (GrafanaOptions.Timeout, its own) goes without, like the engine's clients.
        services.AddUnretriedHttpClient(GrafanaAnnotationClient.HttpClientName);
        services.AddSingleton(sp => new GrafanaAnnotationClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(GrafanaAnnotationClient.HttpClientName), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<GrafanaAnnotationObserver>();
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<GrafanaAnnotationObserver>());
        return services;
    }
}
