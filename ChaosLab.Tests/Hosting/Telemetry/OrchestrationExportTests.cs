using System.Collections.Concurrent;
using ChaosLab.AppHost.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;

namespace ChaosLab.Tests.Hosting.Telemetry;

/// <summary>Orchestration spans leave the AppHost over OTLP/HTTP with the dashboard's API key.</summary>
public sealed class OrchestrationExportTests
{
    [Fact]
    public async Task Spans_are_posted_to_the_dashboards_otlp_http_endpoint_with_the_api_key()
    {
        var requests = new ConcurrentQueue<(string Path, string? ApiKey, long Length)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var sink = builder.Build();
        sink.MapPost("/{**path}", (HttpRequest request) =>
        {
            requests.Enqueue((request.Path, request.Headers["x-otlp-api-key"].FirstOrDefault(), request.ContentLength ?? 0));
            return Results.Ok();
        });
        await sink.StartAsync(TestContext.Current.CancellationToken);
        var address = sink.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var target = new DashboardOtlpTarget(new Uri(address), OtlpExportProtocol.HttpProtobuf, "the-key");
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(LabTelemetry.Name)
            .AddOtlpExporter(o => target.Configure(o, "v1/traces"))
            .Build())
        {
            using (var step = LabTelemetry.StartStep("helm skip", "chaos-mesh", TimeProvider.System))
            {
                step.Succeed("skipped");
            }

            tracing.ForceFlush(10_000).ShouldBeTrue();
        }

        await sink.StopAsync(TestContext.Current.CancellationToken);
        // Other tests running in parallel may add spans of the same source to the batch: check every request.
        requests.ShouldNotBeEmpty();
        requests.ShouldAllBe(r => r.Path == "/v1/traces" && r.ApiKey == "the-key" && r.Length > 0);
    }
}
