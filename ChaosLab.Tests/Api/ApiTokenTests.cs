using System.Net;
using System.Net.Http.Headers;
using ChaosLab.Experimenter.Api;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChaosLab.Tests.Api;

/// <summary>Where the worker's API token comes from, and the file it writes when none is given.</summary>
public sealed class ApiTokenTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("chaoslab-token-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Without_the_variable_the_worker_writes_a_token_only_the_user_can_read_and_requires_it()
    {
        var file = Path.Combine(_folder.FullName, "state", "worker-token");
        await using var worker = await InProcessWorker.StartAsync([
            "--Lab:Cluster:Context=",
            "--Lab:Experimenter:ExperimentsPath=" + _folder.FullName,
            "--Lab:Experimenter:SuitesPath=" + _folder.FullName,
            "--Lab:Experimenter:ApiTokenFile=" + file,
        ], Ct, apiToken: "");

        var token = await File.ReadAllTextAsync(file, Ct);
        using var http = new HttpClient { BaseAddress = worker.Address };
        var without = await http.GetAsync("/api/runs", Ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var with = await http.GetAsync("/api/runs", Ct);

        token.Length.ShouldBeGreaterThanOrEqualTo(40);
        without.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await without.Content.ReadAsStringAsync(Ct)).ShouldContain($"with the token from the file {file}");
        with.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.GetUnixFileMode(Path.GetDirectoryName(file)!).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await worker.StopAsync(Ct);
    }

    [Fact]
    public void Each_start_without_the_variable_makes_a_new_token_and_replaces_a_readable_file()
    {
        var file = Path.Combine(_folder.FullName, "worker-token");
        File.WriteAllText(file, "old");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var options = new SchedulerOptions { ApiTokenFile = file };
        var empty = new ConfigurationBuilder().Build();

        var first = ApiToken.Resolve(empty, options, NullLogger<ApiToken>.Instance);
        var firstText = File.ReadAllText(file);
        var second = ApiToken.Resolve(empty, options, NullLogger<ApiToken>.Instance);
        var secondText = File.ReadAllText(file);

        firstText.ShouldNotBe("old");
        secondText.ShouldNotBe(firstText);
        first.Matches(firstText).ShouldBeTrue();
        first.Matches(secondText).ShouldBeFalse();
        second.Matches(secondText).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void The_variable_wins_and_no_file_is_written()
    {
        var file = Path.Combine(_folder.FullName, "worker-token");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>(ApiToken.Variable, "s3cret-from-the-apphost")]).Build();

        var token = ApiToken.Resolve(configuration, new SchedulerOptions { ApiTokenFile = file }, NullLogger<ApiToken>.Instance);

        token.Source.ShouldBe("CHAOSLAB_API_TOKEN");
        token.Matches("s3cret-from-the-apphost").ShouldBeTrue();
        token.Matches("s3cret-from-the-apphosT").ShouldBeFalse();
        token.Matches(null).ShouldBeFalse();
        token.Matches("").ShouldBeFalse();
        File.Exists(file).ShouldBeFalse();
    }
}
