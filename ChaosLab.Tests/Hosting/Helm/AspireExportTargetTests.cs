using ChaosLab.AppHost.Hosting.Helm;
using ChaosLab.AppHost.Hosting.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace ChaosLab.Tests.Hosting.Helm;

public sealed class AspireExportTargetTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void The_http_profile_exports_over_plain_http_otlp_with_the_api_key()
    {
        var target = AspireExportTarget.FromConfiguration(Config(("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:19080"), ("AppHost:OtlpApiKey", "k1")));

        target.ShouldBe(new DashboardOtlpTarget(new Uri("http://localhost:19080"), OtlpExportProtocol.HttpProtobuf, "k1"));
    }

    [Fact]
    public void The_http_endpoint_is_taken_even_when_a_grpc_one_exists()
    {
        var target = AspireExportTarget.FromConfiguration(Config(
            ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "https://localhost:21080"), ("DOTNET_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "http://localhost:19080")));

        target.Endpoint.ShouldBe(new Uri("http://localhost:19080"));
        target.Protocol.ShouldBe(OtlpExportProtocol.HttpProtobuf);
    }

    [Fact]
    public void The_https_profile_is_refused_with_what_to_do()
    {
        var error = Should.Throw<InvalidOperationException>(() => AspireExportTarget.FromConfiguration(Config(("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "https://localhost:21080"))));

        error.Message.ShouldContain("https://localhost:21080");
        error.Message.ShouldContain("cannot verify the dashboard's localhost development certificate");
        error.Message.ShouldContain("--launch-profile http");
        error.Message.ShouldContain("Lab:Shop:ExportToAspire=false");
    }

    [Fact]
    public void An_https_otlp_http_endpoint_is_refused_too()
    {
        var error = Should.Throw<InvalidOperationException>(() => AspireExportTarget.FromConfiguration(Config(("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "https://localhost:19443"))));

        error.Message.ShouldContain("the dashboard's OTLP/HTTP endpoint is https://localhost:19443");
    }

    [Fact]
    public void No_dashboard_endpoint_is_refused() =>
        Should.Throw<InvalidOperationException>(() => AspireExportTarget.FromConfiguration(Config()))
            .Message.ShouldContain("the AppHost has no dashboard OTLP endpoint");
}
