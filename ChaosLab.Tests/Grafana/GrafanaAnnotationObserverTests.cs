using System.Collections.Concurrent;
using System.Text.Json;
using ChaosLab.Experimenter.Grafana;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Running;
using ChaosLab.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Grafana;

/// <summary>Runs on the fake cluster with a loopback stub Grafana: the annotation requests of a fault window, and a
/// Grafana that is not there (or fails) leaving a warning in the journal and the outcome unchanged.</summary>
public sealed class GrafanaAnnotationObserverTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, string Path, string Authorization, JsonElement Body)> requests = new();
    private readonly HttpClient http = new();
    private StubHttpServer? grafana;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        this.http.Dispose();
        if (this.grafana is not null)
        {
            await this.grafana.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_run_writes_one_region_for_its_fault_window_then_patches_it_with_the_outcome()
    {
        var url = await this.StartGrafanaAsync(StatusCodes.Status200OK, """{"id":42,"message":"Annotation added"}""");
        await using var harness = await RunnerHarness.StartAsync(observers: [this.Observer(url)]);

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        var journal = result.Journal;
        journal.Outcome.ShouldBe(RunOutcome.Held, string.Join("; ", journal.Errors));
        journal.Warnings.ShouldBeEmpty();
        var seen = this.requests.ToArray();
        seen.Select(r => $"{r.Method} {r.Path}").ShouldBe(["POST /grafana/api/annotations", "PATCH /grafana/api/annotations/42"]);
        var injected = journal.Injection!.InjectedAt!.Value.ToUnixTimeMilliseconds();
        var recovered = journal.Injection.RecoveredAt!.Value.ToUnixTimeMilliseconds();
        foreach (var (_, _, authorization, body) in seen)
        {
            authorization.ShouldBeEmpty(); // the demo's Grafana is anonymous admin: no token unless configured
            body.GetProperty("time").GetInt64().ShouldBe(injected);
            body.GetProperty("timeEnd").GetInt64().ShouldBe(recovered);
            body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["chaoslab", journal.Experiment, journal.RunId]);
        }

        seen[0].Body.GetProperty("text").GetString()!.ShouldContain("verdict pending");
        var final = seen[1].Body.GetProperty("text").GetString()!;
        final.ShouldContain($"run {journal.RunId}");
        final.ShouldContain("NetworkChaos");
        final.ShouldContain("outcome: held");
        final.ShouldContain("TTR not measured"); // no Prometheus in this run: no SLI analysis
    }

    [Fact]
    public async Task A_configured_token_is_sent_as_bearer()
    {
        var url = await this.StartGrafanaAsync(StatusCodes.Status200OK, """{"id":7}""");
        await using var harness = await RunnerHarness.StartAsync(observers: [this.Observer(url, token: "s3cret")]);

        await harness.RunAsync(RunnerHarness.PodKill());

        this.requests.Select(r => r.Authorization).ShouldBe(["Bearer s3cret", "Bearer s3cret"]);
    }

    [Fact]
    public async Task A_Grafana_that_is_not_there_is_a_warning_and_the_outcome_is_unchanged()
    {
        // A port that was just closed: connection refused.
        var closed = await StubHttpServer.StartAsync(_ => Task.CompletedTask, Ct);
        var url = new Uri(closed.BaseAddress, "grafana");
        await closed.DisposeAsync();
        await using var harness = await RunnerHarness.StartAsync(observers: [this.Observer(url)]);

        var result = await harness.RunAsync(RunnerHarness.NetworkDelay());

        result.Journal.Outcome.ShouldBe(RunOutcome.Held, string.Join("; ", result.Journal.Errors));
        result.Journal.Status.ShouldBe(RunStatus.Completed);
        var warning = result.Journal.Warnings.ShouldHaveSingleItem();
        warning.ShouldStartWith("grafana: the fault annotation was not written: Grafana at ");
        warning.ShouldContain("is not reachable");
        var written = await JournalWriter.ReadAsync(result.JournalPath, Ct);
        written!.Warnings.ShouldBe(result.Journal.Warnings);
    }

    [Fact]
    public async Task A_Grafana_answering_an_error_status_is_a_warning_naming_the_status()
    {
        var url = await this.StartGrafanaAsync(StatusCodes.Status500InternalServerError, """{"message":"boom"}""");
        await using var harness = await RunnerHarness.StartAsync(observers: [this.Observer(url)]);

        var result = await harness.RunAsync(RunnerHarness.PodKill());

        result.Journal.Outcome.ShouldBe(RunOutcome.Held, string.Join("; ", result.Journal.Errors));
        result.Journal.Warnings.ShouldHaveSingleItem().ShouldContain("HTTP 500 InternalServerError");
        this.requests.Count.ShouldBe(1); // no update of an annotation that was never created
    }

    [Fact]
    public async Task A_Grafana_that_does_not_answer_in_time_is_a_warning_after_the_timeout()
    {
        this.grafana = await StubHttpServer.StartAsync(async context =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as it should.
            }
        }, Ct);
        var observer = this.Observer(new Uri(this.grafana.BaseAddress, "grafana"), timeout: TimeSpan.FromMilliseconds(300));
        await using var harness = await RunnerHarness.StartAsync(observers: [observer]);

        var result = await harness.RunAsync(RunnerHarness.PodKill());

        result.Journal.Outcome.ShouldBe(RunOutcome.Held, string.Join("; ", result.Journal.Errors));
        result.Journal.Warnings.ShouldHaveSingleItem().ShouldContain("did not answer POST api/annotations within 0.3 s");
    }

    [Fact]
    public async Task A_run_that_fails_before_injecting_writes_no_annotation()
    {
        var url = await this.StartGrafanaAsync(StatusCodes.Status200OK, """{"id":1}""");
        await using var harness = await RunnerHarness.StartAsync(observers: [this.Observer(url)]);

        var result = await harness.RunAsync(RunnerHarness.PodKill("no-such-service"));

        result.Journal.Outcome.ShouldBe(RunOutcome.Failed);
        result.Journal.FaultStart.ShouldBeNull();
        this.requests.ShouldBeEmpty();
        result.Journal.Warnings.ShouldBeEmpty();
    }

    private GrafanaAnnotationObserver Observer(Uri url, string? token = null, TimeSpan? timeout = null)
    {
        var options = new GrafanaOptions { Url = url, ApiToken = token, Timeout = timeout ?? TimeSpan.FromSeconds(5) };
        return new GrafanaAnnotationObserver(new GrafanaAnnotationClient(this.http, options, TimeProvider.System), TimeProvider.System, NullLogger<GrafanaAnnotationObserver>.Instance);
    }

    private async Task<Uri> StartGrafanaAsync(int status, string answer)
    {
        this.grafana = await StubHttpServer.StartAsync(async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            this.requests.Enqueue((context.Request.Method, context.Request.Path.Value!, context.Request.Headers.Authorization.ToString(), body.RootElement.Clone()));
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        }, Ct);
        return new Uri(this.grafana.BaseAddress, "grafana");
    }
}
