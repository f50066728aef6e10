using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;

namespace ChaosLab.Experimenter.Running;

/// <summary>
/// The engine's HTTP clients. Both observe failures, so neither may be retried, hedged or timed out behind
/// the engine's back: the HTTP probe measures what a user would see (no retries at all) and the Prometheus
/// client has its own bounded retries and per-attempt timeout. Whatever a host adds to every client
/// (ServiceDefaults' <c>ConfigureHttpClientDefaults</c> → standard resilience handler) is removed from these,
/// whichever was registered first; callers bound their own time, so the clients' own timeout is infinite.
/// </summary>
public static class EngineHttpClients
{
    /// <summary>The client HTTP probes use.</summary>
    public const string Probe = "chaoslab-probe";

    /// <summary>The client the Prometheus client borrows.</summary>
    public const string Prometheus = "chaoslab-prometheus";

    /// <summary>Registers both clients.</summary>
    public static IServiceCollection AddEngineHttpClients(this IServiceCollection services)
    {
        services.AddUnretriedHttpClient(Probe);
        services.AddUnretriedHttpClient(Prometheus);
        return services;
    }

    /// <summary>Registers the named client <paramref name="name"/> with an infinite client timeout (its callers bound their own
    /// time) and without any resilience handler a host adds to every client.</summary>
    public static IHttpClientBuilder AddUnretriedHttpClient(this IServiceCollection services, string name)
    {
        var builder = services.AddHttpClient(name, http => http.Timeout = Timeout.InfiniteTimeSpan);

        // Post-configured, so the removal runs after every handler any Configure added, in any registration order
        // (RemoveAllResilienceHandlers alone only removes handlers registered before it).
        services.PostConfigure<HttpClientFactoryOptions>(name, options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
        {
            for (var i = handlers.AdditionalHandlers.Count - 1; i >= 0; i--)
            {
                if (handlers.AdditionalHandlers[i] is ResilienceHandler)
                {
                    handlers.AdditionalHandlers.RemoveAt(i);
                }
            }
        }));
        return builder;
    }
}
