using System.Text;
using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Export;

namespace ChaosLab.Tests.Export;

/// <summary>Experiments and suites as Chaos Mesh Schedules.</summary>
public sealed class ScheduleExporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Experiments() => [.. ExportTestSupport.Shipped("experiments")];

    [Theory]
    [MemberData(nameof(Experiments))]
    public async Task Every_shipped_chaos_experiment_exports_to_a_schedule_that_passes_the_CRD_schema_and_our_validation(string file)
    {
        var loaded = await ExportSources.LoadAsync(file, new ExperimentFileValidator(), Ct);
        loaded.Errors.ShouldBeEmpty();
        var experiment = loaded.Experiment!;
        if (experiment.Fault is FlagFault)
        {
            Should.Throw<ExportException>(() => ScheduleExporter.Export(experiment, "0 3 * * *")).Message.ShouldContain("flag fault");
            return;
        }

        if (experiment.Fault is IstioFault)
        {
            // A VirtualService is no Chaos Mesh kind and has no duration of its own: nothing of it runs in-cluster.
            Should.Throw<ExportException>(() => ScheduleExporter.Export(experiment, "0 3 * * *")).Message.ShouldContain("Istio fault");
            return;
        }

        foreach (var result in new[] { ScheduleExporter.Export(experiment, "0 3 * * *"), WorkflowExporter.Export(experiment) })
        {
            var (valid, errors) = ExportTestSupport.Evaluate(result.Manifest);
            valid.ShouldBeTrue(errors);
            new ExperimentFileValidator().Validate("export.yaml", Encoding.UTF8.GetBytes(ExportWriter.Write(result))).Errors.ShouldBeEmpty();
            result.NotExported.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task An_experiment_schedule_is_Forbid_with_a_history_limit_and_the_chaos_inline_with_its_duration()
    {
        var loaded = await ExportSources.LoadAsync(Path.Combine(Support.RepoPaths.Manifests, "experiments", "recommendation-cpu-stress.yaml"), new ExperimentFileValidator(), Ct);
        var schedule = ScheduleExporter.Export(loaded.Experiment!, "*/30 * * * *").Manifest;

        schedule["kind"]!.GetValue<string>().ShouldBe("Schedule");
        var spec = schedule["spec"]!;
        spec["schedule"]!.GetValue<string>().ShouldBe("*/30 * * * *");
        spec["concurrencyPolicy"]!.GetValue<string>().ShouldBe("Forbid");
        spec["historyLimit"]!.GetValue<int>().ShouldBe(5);
        spec["type"]!.GetValue<string>().ShouldBe("StressChaos");
        spec["stressChaos"]!["duration"]!.GetValue<string>().ShouldBe("1m0s");
        spec["stressChaos"]!["stressors"]!["cpu"]!["workers"]!.GetValue<long>().ShouldBe(2);
        schedule["metadata"]!["labels"]![ChaosLabLabels.Experiment]!.GetValue<string>().ShouldBe("recommendation-cpu-stress");
        schedule["metadata"]!["namespace"]!.GetValue<string>().ShouldBe("astronomy-shop");
    }

    [Fact]
    public void An_experiment_with_HTTP_probes_is_scheduled_as_a_workflow()
    {
        var result = ScheduleExporter.Export(WorkflowExporterTests.HttpProbed(), "@every 6h");
        var spec = result.Manifest["spec"]!;
        spec["type"]!.GetValue<string>().ShouldBe("Workflow");
        spec["workflow"]!["entry"]!.GetValue<string>().ShouldBe("cart-delay-serial");
        spec["workflow"]!["templates"]!.AsArray().ShouldContain(t => t!["templateType"]!.GetValue<string>() == "StatusCheck");
        ExportTestSupport.Evaluate(result.Manifest).Valid.ShouldBeTrue(ExportTestSupport.Evaluate(result.Manifest).Errors);
        new ExperimentFileValidator().Validate("s.yaml", Encoding.UTF8.GetBytes(ExportWriter.Write(result))).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void A_suite_cron_with_a_time_zone_becomes_a_CRON_TZ_prefix() =>
        ScheduleExporter.Cron(new CronSchedule("0 */6 * * *", false, "Europe/Berlin")).ShouldBe("CRON_TZ=Europe/Berlin 0 */6 * * *");

    [Fact]
    public void The_independent_schema_check_can_fail()
    {
        var good = ScheduleExporter.Export(WorkflowExporterTests.HttpProbed(), "@daily").Manifest;
        ExportTestSupport.Evaluate(good).Valid.ShouldBeTrue();
        var zeroDeadline = good.DeepClone().AsObject();
        zeroDeadline["spec"]!["startingDeadlineSeconds"] = 0;
        ExportTestSupport.Evaluate(zeroDeadline).Valid.ShouldBeFalse();
        var noType = good.DeepClone().AsObject();
        noType["spec"]!["workflow"]!["templates"]![0]!.AsObject().Remove("templateType");
        ExportTestSupport.Evaluate(noType).Valid.ShouldBeFalse();
    }
}
