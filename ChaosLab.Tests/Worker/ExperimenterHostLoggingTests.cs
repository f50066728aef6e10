using ChaosLab.Experimenter.Worker;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChaosLab.Tests.Worker;

/// <summary>The worker's console under the AppHost (content root: the project folder, so its appsettings.json) shows the
/// runs' lines, not request, health-check and retry lines.</summary>
public sealed class ExperimenterHostLoggingTests
{
    [Fact]
    public async Task Request_health_check_http_client_and_retry_categories_are_below_information_and_chaoslab_is_not()
    {
        await using var app = ExperimenterHost.Build([
            "--contentRoot", Path.Combine(RepoPaths.Root, "ChaosLab.Experimenter"),
            "--urls", "http://127.0.0.1:0",
            "--CHAOSLAB_API_TOKEN=" + new string('t', 32),
            "--Lab:Cluster:Context=",
        ]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        string[] quiet =
        [
            "Microsoft.AspNetCore.Hosting.Diagnostics",
            "Microsoft.AspNetCore.Routing.EndpointMiddleware",
            "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService",
            "System.Net.Http.HttpClient.chaoslab-grafana.LogicalHandler",
            "Polly",
        ];
        quiet.ShouldAllBe(c => !loggers.CreateLogger(c).IsEnabled(LogLevel.Information));
        loggers.CreateLogger("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService").IsEnabled(LogLevel.Warning).ShouldBeTrue();
        loggers.CreateLogger("ChaosLab.Experimenter.Running.ExperimentRunner").IsEnabled(LogLevel.Information).ShouldBeTrue();
        loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information).ShouldBeTrue();
    }
}
