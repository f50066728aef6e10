using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Analysis;

/// <summary>One real Prometheus for the whole collection, backfilled with every <see cref="TimelineScenarios"/> timeline.</summary>
public sealed class SpanMetricsPrometheusFixture : IAsyncLifetime
{
    /// <summary>The server, or null when Prometheus is not installed.</summary>
    public PrometheusServer? Server { get; private set; }

    /// <summary>The server's address, or a skip with the install hint.</summary>
    public Uri RequireServer()
    {
        if (Server is null)
        {
            Assert.Skip(PrometheusServer.SkipReason);
        }

        return Server.BaseAddress;
    }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (PrometheusServer.IsInstalled)
        {
            Server = await PrometheusServer.StartAsync(TimelineScenarios.OpenMetrics(), TestContext.Current.CancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
