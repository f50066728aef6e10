using ChaosLab.Experimenter.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;

namespace ChaosLab.Tests.Running;

/// <summary>The probe and Prometheus clients observe failures: no host-wide resilience handler may reach them.</summary>
public sealed class EngineHttpClientsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Probe_and_prometheus_clients_carry_no_resilience_handler_whichever_is_registered_first(bool defaultsFirst)
    {
        var services = new ServiceCollection();
        if (defaultsFirst)
        {
            HostDefaults(services);
        }

        services.AddEngineHttpClients();
        if (!defaultsFirst)
        {
            HostDefaults(services);
        }

        using var provider = services.BuildServiceProvider();
        var handlers = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        Chain(handlers.CreateHandler("some-other-client")).ShouldContain(h => h is ResilienceHandler); // the defaults do apply elsewhere
        Chain(handlers.CreateHandler(EngineHttpClients.Probe)).ShouldNotContain(h => h is ResilienceHandler);
        Chain(handlers.CreateHandler(EngineHttpClients.Prometheus)).ShouldNotContain(h => h is ResilienceHandler);
    }

    [Fact]
    public void The_clients_leave_timeouts_to_their_callers()
    {
        var services = new ServiceCollection();
        HostDefaults(services);
        services.AddEngineHttpClients();
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        // A probe's own timeout (30 s or more) governs, never HttpClient's 100 s or a Polly timeout.
        using var probe = factory.CreateClient(EngineHttpClients.Probe);
        using var prometheus = factory.CreateClient(EngineHttpClients.Prometheus);
        probe.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
        prometheus.Timeout.ShouldBe(Timeout.InfiniteTimeSpan);
    }

    // What ServiceDefaults does to every client of a host.
    private static void HostDefaults(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());

    private static List<HttpMessageHandler> Chain(HttpMessageHandler handler)
    {
        var chain = new List<HttpMessageHandler>();
        for (HttpMessageHandler? current = handler; current is not null && chain.Count < 50; current = (current as DelegatingHandler)?.InnerHandler)
        {
            chain.Add(current);
        }

        return chain;
    }
}
