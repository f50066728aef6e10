using ChaosLab.Experimenter.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Support;

/// <summary>The real experimenter worker host, started in-process on a free 127.0.0.1 port; stopped on dispose.</summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    private bool _stopped;

    private InProcessWorker(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    /// <summary>The worker's host (its services, for tests that look inside).</summary>
    public WebApplication App { get; }

    /// <summary>Where the worker's HTTP API listens.</summary>
    public Uri Address { get; }

    /// <summary>Builds the worker with <paramref name="settings"/> (<c>--Key=value</c> arguments) and starts it.</summary>
    public static async Task<InProcessWorker> StartAsync(IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var app = ExperimenterHost.Build(["--urls", "http://127.0.0.1:0", .. settings]);
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
        return new InProcessWorker(app, new Uri(address));
    }

    /// <summary>An HTTP client for the worker's API.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address };

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
