using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ChaosLab.AppHost.Hosting.Telemetry;

/// <summary>The Aspire dashboard's OTLP endpoint and API key, as the AppHost's configuration names them.</summary>
/// <param name="Endpoint">The endpoint's base URL.</param>
/// <param name="Protocol">gRPC or HTTP/protobuf.</param>
/// <param name="ApiKey">The <c>x-otlp-api-key</c> value, when the dashboard asks for one.</param>
public sealed record DashboardOtlpTarget(Uri Endpoint, OtlpExportProtocol Protocol, string? ApiKey)
{
    /// <summary>The header the dashboard checks.</summary>
    public const string ApiKeyHeader = "x-otlp-api-key";

    /// <summary>Reads the target from configuration (gRPC preferred, as Aspire does); null when none is set.</summary>
    public static DashboardOtlpTarget? FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var apiKey = configuration["AppHost:OtlpApiKey"];
        var grpc = configuration["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] ?? configuration["DOTNET_DASHBOARD_OTLP_ENDPOINT_URL"];
        if (Uri.TryCreate(grpc, UriKind.Absolute, out var grpcUri))
        {
            return new(grpcUri, OtlpExportProtocol.Grpc, apiKey);
        }

        var http = configuration["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] ?? configuration["DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"];
        return Uri.TryCreate(http, UriKind.Absolute, out var httpUri)
            ? new(httpUri, OtlpExportProtocol.HttpProtobuf, apiKey)
            : null;
    }

    /// <summary>Points an OTLP exporter at the dashboard (HTTP needs the signal path, gRPC does not).</summary>
    public void Configure(OtlpExporterOptions exporter, string httpSignalPath)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        exporter.Protocol = Protocol;
        exporter.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(Endpoint, httpSignalPath)
            : Endpoint;
        if (!string.IsNullOrEmpty(ApiKey))
        {
            exporter.Headers = $"{ApiKeyHeader}={ApiKey}";
        }
    }
}
