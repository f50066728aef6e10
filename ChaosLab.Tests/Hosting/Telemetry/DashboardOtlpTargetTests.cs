using ChaosLab.AppHost.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ChaosLab.Tests.Hosting.Telemetry;

public sealed class DashboardOtlpTargetTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Reads_the_http_endpoint_of_the_launch_profile_and_the_generated_api_key()
    {
        var target = DashboardOtlpTarget.FromConfiguration(Config(("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:19080"), ("AppHost:OtlpApiKey", "k1")));

        target.ShouldBe(new DashboardOtlpTarget(new Uri("http://localhost:19080"), OtlpExportProtocol.HttpProtobuf, "k1"));
        var exporter = new OtlpExporterOptions();
        target!.Configure(exporter, "v1/traces");
        exporter.Endpoint.ShouldBe(new Uri("http://localhost:19080/v1/traces"));
        exporter.Protocol.ShouldBe(OtlpExportProtocol.HttpProtobuf);
        exporter.Headers.ShouldBe("x-otlp-api-key=k1");
    }

    [Fact]
    public void Prefers_grpc_like_aspire_does_and_knows_the_legacy_names()
    {
        var target = DashboardOtlpTarget.FromConfiguration(Config(
            ("DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", "https://localhost:21080"), ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:19080")));

        target.ShouldBe(new DashboardOtlpTarget(new Uri("https://localhost:21080"), OtlpExportProtocol.Grpc, null));
        var exporter = new OtlpExporterOptions();
        target!.Configure(exporter, "v1/traces");
        exporter.Endpoint.ShouldBe(new Uri("https://localhost:21080"));
    }

    [Fact]
    public void Without_an_endpoint_nothing_is_exported() => DashboardOtlpTarget.FromConfiguration(Config()).ShouldBeNull();
}
