using System.Collections.Concurrent;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>
/// A loopback stub of the in-cluster worker's API (a <see cref="StubHttpServer"/>) that records every request as
/// <c>METHOD /path Authorization</c>, with the HTTP client the code under test uses; disposing stops both.
/// </summary>
public sealed class WorkerApiStub : IAsyncDisposable
{
    private StubHttpServer? _server;

    /// <summary>Every request, in order: <c>METHOD /path Authorization</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The client to hand to the code under test.</summary>
    public HttpClient Http { get; } = new();

    /// <summary>Starts the stub with <paramref name="answer"/> answering every (recorded) request; its base address.</summary>
    public async Task<Uri> StartAsync(RequestDelegate answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _server = await StubHttpServer.StartAsync(context =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Request.Headers.Authorization}");
            return answer(context);
        }, cancellationToken);
        return _server.BaseAddress;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Http.Dispose();
    }
}
