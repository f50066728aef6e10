using ChaosLab.Tests.Experiments;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Export;

/// <summary><c>chaoslab export</c> end to end: files written, what was left out on stderr, and the round trip through validate and render.</summary>
public sealed class ExportCommandTests
{
    private static string Suite => Path.Combine(RepoPaths.Manifests, "suites", "default.yaml");

    private static string Experiment(string name) => Path.Combine(RepoPaths.Manifests, "experiments", name + ".yaml");

    [Fact]
    public async Task A_suite_exports_to_a_workflow_that_validate_accepts_and_run_refuses()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "default-workflow.yaml");

        var export = await CliRunner.RunAsync("export", Suite, "--format", "workflow", "--out", file);
        export.ExitCode.ShouldBe(0, export.Error);
        export.Error.ShouldContain("not expressible in-cluster, left out of the Workflow");
        export.Error.ShouldContain("ad-failure-flag: the flag fault");
        File.ReadAllText(file).ShouldStartWith("# Exported by chaoslab for Chaos Mesh 2.8.3");

        var validate = await CliRunner.RunAsync("validate", file);
        validate.ExitCode.ShouldBe(0, validate.Error);
        validate.Output.ShouldContain("Workflow default (runs in-cluster");

        var render = await CliRunner.RunAsync("render", file);
        render.ExitCode.ShouldBe(0, render.Error);
        render.Output.ShouldContain("kind: Workflow");
        render.Output.ShouldContain("app.kubernetes.io/part-of: chaoslab");

        var run = await CliRunner.RunAsync("run", file);
        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain("is a Chaos Mesh Workflow, which the Chaos Mesh controller runs in the cluster");
    }

    [Fact]
    public async Task An_experiment_exports_to_a_schedule_on_stdout()
    {
        var export = await CliRunner.RunAsync("export", Experiment("frontend-ad-delay"), "--format", "schedule", "--schedule", "0 3 * * *");
        export.ExitCode.ShouldBe(0, export.Error);
        export.Output.ShouldContain("kind: Schedule");
        export.Output.ShouldContain("concurrencyPolicy: Forbid");
        export.Output.ShouldContain("#   - frontend-ad-delay: hypothesis probe 'frontend-error-ratio'");
        export.Error.ShouldContain("frontend-ad-delay: hypothesis probe 'frontend-error-ratio'");
    }

    [Fact]
    public async Task A_schedule_needs_a_cron_and_a_cron_Chaos_Mesh_cannot_parse_is_refused()
    {
        var none = await CliRunner.RunAsync("export", Experiment("frontend-ad-delay"), "--format", "schedule");
        none.ExitCode.ShouldBe(2);
        none.Error.ShouldContain("--format schedule needs a cron");

        var last = await CliRunner.RunAsync("export", Experiment("frontend-ad-delay"), "--format", "schedule", "--schedule", "0 3 L * *");
        last.ExitCode.ShouldBe(2);
        last.Error.ShouldContain("the exported object does not pass validation (nothing written)");
        last.Error.ShouldContain("spec.schedule: '0 3 L * *' is not a schedule");
        last.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_flag_experiment_and_bad_arguments_exit_2()
    {
        var flag = await CliRunner.RunAsync("export", Experiment("ad-failure-flag"), "--format", "workflow");
        flag.ExitCode.ShouldBe(2);
        flag.Error.ShouldContain("nothing in 'ad-failure-flag' can run in-cluster");

        (await CliRunner.RunAsync("export", Suite, "--format", "helm")).Error.ShouldContain("--format 'helm' is not supported");
        (await CliRunner.RunAsync("export", Suite, "--schedule", "0 3 * * *")).Error.ShouldContain("--schedule goes with --format schedule");
        (await CliRunner.RunAsync("export")).ExitCode.ShouldBe(2);
    }
}
