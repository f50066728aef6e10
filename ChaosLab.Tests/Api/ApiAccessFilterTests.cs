using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Api;

/// <summary>The worker API's locks, on the real worker on loopback: bearer token (401), Host and Origin (403).</summary>
public sealed class ApiAccessFilterTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("chaoslab-access-");
    private InProcessWorker? _worker;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InProcessWorker Worker => _worker!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
        _worker = await InProcessWorker.StartAsync([
            "--Lab:Cluster:Context=",
            "--Lab:Experimenter:ExperimentsPath=" + _folder.FullName,
            "--Lab:Experimenter:SuitesPath=" + _folder.FullName,
        ], Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task A_request_without_a_token_gets_401_and_changes_nothing()
    {
        using var http = new HttpClient { BaseAddress = Worker.Address };

        var runs = await http.GetAsync("/api/runs", Ct);
        var abort = await http.PostAsync("/api/abort", null, Ct);

        runs.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        runs.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
        abort.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await abort.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()
            .ShouldBe("missing or wrong API token: send 'Authorization: Bearer <token>' with the token from CHAOSLAB_API_TOKEN");
        await ShouldNotBeHaltedAsync();
    }

    [Theory]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task A_request_with_a_wrong_token_gets_401(string authorization)
    {
        using var http = new HttpClient { BaseAddress = Worker.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/experiments/catalog-kill/run");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var response = await http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain(Worker.Token!);
    }

    [Fact]
    public async Task A_token_that_differs_only_in_its_last_character_is_refused()
    {
        var token = Worker.Token!;
        using var http = new HttpClient { BaseAddress = Worker.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == 'A' ? 'B' : 'A'));

        (await http.GetAsync("/api/runs", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_browser_text_plain_post_from_a_foreign_origin_gets_403_even_with_the_token()
    {
        using var http = Worker.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/abort") { Content = new StringContent("x", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("Origin", "http://evil.example");

        var response = await http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()
            .ShouldBe("cross-origin request from 'http://evil.example' refused: the worker API is not for web pages");
        await ShouldNotBeHaltedAsync();
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost:1")]
    [InlineData("https://127.0.0.1")]
    public async Task Any_origin_other_than_the_workers_own_gets_403(string origin)
    {
        using var http = Worker.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.TryAddWithoutValidation("Origin", origin);

        (await http.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_workers_own_origin_is_accepted()
    {
        using var http = Worker.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.TryAddWithoutValidation("Origin", $"http://127.0.0.1:{Worker.Address.Port}");

        (await http.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebind.evil.example:{port}")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost")]
    public async Task A_foreign_host_header_gets_403_even_with_the_token(string host)
    {
        using var http = Worker.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = host.Replace("{port}", Worker.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("refused against DNS rebinding");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("[::1]")]
    public async Task Every_loopback_name_with_the_bound_port_is_accepted_as_host(string name)
    {
        using var http = Worker.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = $"{name}:{Worker.Address.Port}";

        (await http.SendAsync(request, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_and_alive_answer_without_a_token_and_do_not_show_it()
    {
        using var http = new HttpClient { BaseAddress = Worker.Address };

        var health = await http.GetAsync("/health", Ct);
        var alive = await http.GetAsync("/alive", Ct);

        health.StatusCode.ShouldNotBe(HttpStatusCode.Unauthorized);
        alive.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await health.Content.ReadAsStringAsync(Ct)).ShouldNotContain(Worker.Token!);
        (await alive.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    private async Task ShouldNotBeHaltedAsync()
    {
        using var http = Worker.CreateClient();
        (await http.GetFromJsonAsync<JsonElement>("/api/status", Ct)).GetProperty("halted").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
