using ChaosLab.AppHost.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ChaosLab.AppHost.Hosting.Helm;

/// <summary>
/// Picks the dashboard endpoint the shop's collector exports to (<c>Lab:Shop:ExportToAspire</c>), or
/// refuses with what to do. Only the OTLP/HTTP endpoint over plain http works from the cluster: over
/// https the dashboard presents its localhost development certificate, which a pod reaching
/// <c>host.minikube.internal</c> cannot verify, and ChaosLab does not switch verification off.
/// </summary>
public static class AspireExportTarget
{
    /// <summary>The AppHost's configuration keys for the dashboard's OTLP/HTTP endpoint (current, legacy).</summary>
    public static readonly string[] HttpEndpointKeys = ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"];

    /// <summary>The target for the export; throws <see cref="InvalidOperationException"/> saying what to do when there is none that works.</summary>
    public static DashboardOtlpTarget FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = HttpEndpointKeys.Select(key => configuration[key]).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        if (Uri.TryCreate(configured, UriKind.Absolute, out var http) && http.Scheme == Uri.UriSchemeHttp)
        {
            return new DashboardOtlpTarget(http, OtlpExportProtocol.HttpProtobuf, configuration["AppHost:OtlpApiKey"]);
        }

        var what = configured is not null
            ? $"the dashboard's OTLP/HTTP endpoint is {configured}"
            : DashboardOtlpTarget.FromConfiguration(configuration) is { } other
                ? $"the dashboard only takes OTLP at {other.Endpoint} ({other.Protocol})"
                : "the AppHost has no dashboard OTLP endpoint";
        throw new InvalidOperationException(
            $"Lab:Shop:ExportToAspire=true, but {what}. The shop's collector runs in the cluster and can only reach the dashboard "
            + $"over plain http at {AspireExportValues.HostFromCluster}: it cannot verify the dashboard's localhost development certificate. "
            + "Start the AppHost with the http launch profile (dotnet run --project ChaosLab.AppHost --launch-profile http), "
            + $"or set {HttpEndpointKeys[0]} to an http:// address the cluster can reach, or set Lab:Shop:ExportToAspire=false.");
    }
}
