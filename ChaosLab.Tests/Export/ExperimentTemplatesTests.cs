using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Export;
using ChaosLab.Experimenter.Running;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Export;

/// <summary>HTTP probes as StatusChecks in the cluster: mapped like the runner maps them, and never exported when only the
/// laptop's port-forward could answer them.</summary>
public sealed class ExperimentTemplatesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Boutique => Path.Combine(RepoPaths.Manifests, "experiments", "boutique-cart-pod-kill.yaml");

    private static async Task<ChaosLab.Experimenter.Experiments.Model.Experiment> LoadAsync()
    {
        var loaded = await ExportSources.LoadAsync(Boutique, new ExperimentFileValidator(), Ct);
        loaded.Errors.ShouldBeEmpty();
        return loaded.Experiment!;
    }

    private static List<string> CheckUrls(JsonObject manifest) =>
        [.. manifest["spec"]!["templates"]!.AsArray().Select(t => t!.AsObject())
            .Where(t => t["templateType"]!.GetValue<string>() == "StatusCheck")
            .Select(t => t["statusCheck"]!["http"]!["url"]!.GetValue<string>())];

    [Fact]
    public async Task With_the_map_the_boutique_checks_ask_the_frontend_service_with_their_paths()
    {
        var map = new ProbeUrlMap([new ProbeUrlMapping(new Uri("http://localhost:18081/"), new Uri("http://frontend.online-boutique/"))]);

        var result = WorkflowExporter.Export(await LoadAsync(), map);

        // frontend-home before and after, frontend-healthz before, during and after (the file's phases).
        CheckUrls(result.Manifest).Order().ShouldBe([
            "http://frontend.online-boutique/", "http://frontend.online-boutique/",
            "http://frontend.online-boutique/_healthz", "http://frontend.online-boutique/_healthz", "http://frontend.online-boutique/_healthz"]);
        result.NotExported.ShouldNotContain(n => n.Contains("port-forward on the laptop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_map_the_localhost_checks_are_left_out_and_listed_with_what_to_do()
    {
        var result = WorkflowExporter.Export(await LoadAsync());

        CheckUrls(result.Manifest).ShouldBeEmpty();
        result.NotExported.ShouldContain(n => n.StartsWith("boutique-cart-pod-kill: HTTP probe 'frontend-home' asks http://localhost:18081/, a port-forward on the laptop", StringComparison.Ordinal)
            && n.Contains("--probe-url-map FROM=TO", StringComparison.Ordinal));
        result.NotExported.ShouldContain(n => n.StartsWith("boutique-cart-pod-kill: HTTP probe 'frontend-healthz' asks http://localhost:18081/_healthz", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_leaves_out_the_same_localhost_checks()
    {
        var result = ScheduleExporter.Export(await LoadAsync(), "0 3 * * *");

        result.NotExported.Count(n => n.Contains("a port-forward on the laptop", StringComparison.Ordinal)).ShouldBe(2);
        result.Manifest.ToJsonString().ShouldNotContain("localhost");
    }

    [Fact]
    public async Task The_export_command_takes_the_map_as_an_option()
    {
        var export = await CliRunner.RunAsync("export", Boutique, "--format", "workflow", "--probe-url-map", "http://localhost:18081/=http://frontend.online-boutique/");

        export.ExitCode.ShouldBe(0, export.Error);
        export.Output.ShouldContain("url: http://frontend.online-boutique/_healthz");
        export.Output.ShouldNotContain("url: http://localhost");
        export.Error.ShouldNotContain("a port-forward on the laptop");
    }

    [Fact]
    public async Task Without_the_option_the_export_command_says_which_probes_only_the_laptop_could_answer()
    {
        var export = await CliRunner.RunAsync("export", Boutique, "--format", "workflow");

        export.ExitCode.ShouldBe(0, export.Error);
        export.Error.ShouldContain("HTTP probe 'frontend-healthz' asks http://localhost:18081/_healthz, a port-forward on the laptop");
        export.Output.ShouldNotContain("url: http://localhost");
    }

    [Theory]
    [InlineData("http://localhost:18081/")]
    [InlineData("=http://frontend/")]
    [InlineData("ftp://localhost:21/=http://frontend/")]
    public async Task A_map_option_that_is_not_from_equals_to_exits_2(string value)
    {
        var export = await CliRunner.RunAsync("export", Boutique, "--format", "workflow", "--probe-url-map", value);

        export.ExitCode.ShouldBe(2);
        export.Error.ShouldContain("--probe-url-map");
    }
}
