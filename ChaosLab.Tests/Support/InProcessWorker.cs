using ChaosLab.Experimenter.Worker;
using ChaosLab.Tests.Fakes.Kubernetes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Support;

/// <summary>The real experimenter worker host, started in-process on a free 127.0.0.1 port; stopped on dispose.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private bool _stopped;

    private InProcessWorker(WebApplication app, Uri address, string? token)
    {
        App = app;
        Address = address;
        Token = token;
    }

    /// <summary>The worker's host (its services, for tests that look inside).</summary>
    public WebApplication App { get; }

    /// <summary>Where the worker's HTTP API listens.</summary>
    public Uri Address { get; }

    /// <summary>The API token the worker was given (null when it made its own).</summary>
    public string? Token { get; }

    /// <summary>
    /// The settings that point a worker at <paramref name="cluster"/> (its kubeconfig and context), write results to
    /// <paramref name="results"/> and read experiments from <paramref name="experiments"/> and suites from
    /// <paramref name="suites"/> (the experiments folder when null).
    /// </summary>
    public static string[] OnCluster(FakeCluster cluster, string results, string experiments, string? suites = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return
        [
            "--Lab:Cluster:Kubeconfig=" + cluster.KubeconfigPath,
            "--Lab:Cluster:Context=" + FakeKubernetesApi.ContextName,
            "--Lab:Runner:ResultsDirectory=" + results,
            "--Lab:Experimenter:ExperimentsPath=" + experiments,
            "--Lab:Experimenter:SuitesPath=" + (suites ?? experiments),
        ];
    }

    /// <summary>Builds the worker with <paramref name="settings"/> (<c>--Key=value</c> arguments) and starts it.
    /// <paramref name="apiToken"/>: null gives it a fresh random <c>CHAOSLAB_API_TOKEN</c>; empty gives it none
    /// (the worker makes one and writes it to its token file: pass <c>--Lab:Experimenter:ApiTokenFile=</c> then).</summary>
    public static async Task<InProcessWorker> StartAsync(IEnumerable<string> settings, CancellationToken cancellationToken, string? apiToken = null)
    {
        var token = apiToken ?? Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        string[] tokenSetting = token.Length > 0 ? ["--CHAOSLAB_API_TOKEN=" + token] : [];
        var app = ExperimenterHost.Build(["--urls", "http://127.0.0.1:0", .. tokenSetting, .. settings]);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessWorker(app, new Uri(address), token.Length > 0 ? token : null);
    }

    /// <summary>An HTTP client for the worker's API, sending <see cref="Token"/> as the bearer token.</summary>
    public HttpClient CreateClient()
    {
        var http = new HttpClient { BaseAddress = Address };
        if (Token is { } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>Stops the worker as SIGTERM would (runs in progress clean up first).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        await App.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync(CancellationToken.None);
        }

        await App.DisposeAsync();
    }
}
