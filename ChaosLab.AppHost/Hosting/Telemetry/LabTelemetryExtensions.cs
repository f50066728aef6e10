using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChaosLab.AppHost.Hosting.Telemetry;

/// <summary>Exports the AppHost's own orchestration telemetry to the Aspire dashboard.</summary>
public static class LabTelemetryExtensions
{
    /// <summary>The service name the AppHost's spans and metrics carry in the dashboard.</summary>
    public const string ServiceName = "chaoslab-apphost";

    /// <summary>
    /// Sends <see cref="LabTelemetry"/> spans and metrics to the dashboard's OTLP endpoint with its API
    /// key. The AppHost learns both from its own configuration: <c>ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL</c>
    /// (gRPC) or <c>ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL</c> (legacy <c>DOTNET_DASHBOARD_OTLP_*</c>)
    /// from the launch profile, and <c>AppHost:OtlpApiKey</c>, which Aspire generates at startup.
    /// Without an endpoint (tests, publish) nothing is exported.
    /// </summary>
    public static IDistributedApplicationBuilder AddLabOrchestrationTelemetry(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var target = DashboardOtlpTarget.FromConfiguration(builder.Configuration);
        if (target is null || !builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(LabTelemetry.Name)
                .AddOtlpExporter(exporter => target.Configure(exporter, "v1/traces")))
            .WithMetrics(metrics => metrics
                .AddMeter(LabTelemetry.Name)
                .AddOtlpExporter((exporter, reader) =>
                {
                    target.Configure(exporter, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000;
                }));
        return builder;
    }
}
