using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary>The AppHost's model: every shipped experiment and suite is a child of <c>experimenter</c> with Run and Abort;
/// the experimenter gets the Grafana URL; and nothing in the model makes Aspire warn about development certificates.</summary>
public sealed partial class ExperimentResourcesModelTests
{
    private static readonly IServiceProvider EmptyServices = new ServiceCollection().BuildServiceProvider();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IDistributedApplicationTestingBuilder> Model(params string[] args) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.ChaosLab_AppHost>(args, Ct);

    /// <summary>The <c>name:</c> at the start of a line in each file of a manifests folder (read here with a regex, not the AppHost's reader).</summary>
    private static string[] NamesIn(string folder) =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Manifests, folder), "*.yaml")
            .Select(f => TopLevelName().Match(File.ReadAllText(f)).Groups[1].Value.Trim())];

    [Fact]
    public async Task Each_shipped_experiment_and_suite_is_a_child_of_the_experimenter_with_Run_and_Abort()
    {
        var builder = await Model();

        var experiments = NamesIn("experiments");
        var suites = NamesIn("suites");
        experiments.Length.ShouldBeGreaterThanOrEqualTo(8);
        suites.ShouldContain("default");
        var resources = builder.Resources.OfType<ExperimentResource>().ToDictionary(r => r.Name);
        resources.Keys.ShouldBe([.. experiments, .. suites.Select(s => "suite-" + s)], ignoreOrder: true);
        foreach (var resource in resources.Values)
        {
            var parent = resource.Annotations.OfType<ResourceRelationshipAnnotation>().Single(r => r.Type == "Parent");
            parent.Resource.Name.ShouldBe("experimenter", resource.Name);
            var commands = resource.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);
            commands.Keys.ShouldBe([ExperimentResourceBuilderExtensions.RunCommand, ExperimentResourceBuilderExtensions.AbortCommand], ignoreOrder: true);
            commands[ExperimentResourceBuilderExtensions.RunCommand].DisplayName.ShouldBe("Run");
            commands[ExperimentResourceBuilderExtensions.AbortCommand].DisplayName.ShouldBe("Abort");
            commands[ExperimentResourceBuilderExtensions.AbortCommand].ConfirmationMessage.ShouldNotBeNullOrWhiteSpace();
            var initial = resource.Annotations.OfType<ResourceSnapshotAnnotation>().Single().InitialSnapshot;
            initial.State!.Text.ShouldBe(KnownResourceStates.NotStarted);
            initial.ResourceType.ShouldBe(resource.Name.StartsWith("suite-", StringComparison.Ordinal) ? "Suite" : "Experiment");
        }

        resources["suite-default"].Manifest.Kind.ShouldBe(ExperimentResourceKind.Suite);
        resources["suite-default"].Manifest.File.ShouldBe(Path.Combine(RepoPaths.Manifests, "suites", "default.yaml"));
    }

    [Fact]
    public async Task Run_is_offered_when_idle_or_finished_and_Abort_only_while_a_run_is_in_progress()
    {
        var builder = await Model();
        var commands = builder.Resources.OfType<ExperimentResource>().First().Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

        foreach (var (state, run, abort) in new[]
        {
            (KnownResourceStates.NotStarted, ResourceCommandState.Disabled, ResourceCommandState.Disabled),
            ("Idle", ResourceCommandState.Enabled, ResourceCommandState.Disabled),
            ("Queued", ResourceCommandState.Disabled, ResourceCommandState.Enabled),
            ("Injected", ResourceCommandState.Disabled, ResourceCommandState.Enabled),
            ("Recovering", ResourceCommandState.Disabled, ResourceCommandState.Enabled),
            ("Passed", ResourceCommandState.Enabled, ResourceCommandState.Disabled),
            ("Deviated", ResourceCommandState.Enabled, ResourceCommandState.Disabled),
        })
        {
            var context = new UpdateCommandStateContext { ResourceSnapshot = new CustomResourceSnapshot { ResourceType = "Experiment", Properties = [], State = state }, Services = EmptyServices };
            commands[ExperimentResourceBuilderExtensions.RunCommand].UpdateState(context).ShouldBe(run, state);
            commands[ExperimentResourceBuilderExtensions.AbortCommand].UpdateState(context).ShouldBe(abort, state);
        }
    }

    [Fact]
    public async Task The_experimenter_gets_the_demo_grafana_behind_the_shop_forward()
    {
        var builder = await Model("Lab:Ports:Shop=28080");
        var experimenter = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "experimenter");

#pragma warning disable CS0618 // publish-mode evaluation of plain values, as AppHostModelTests does
        var env = await experimenter.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618

        env["Lab__Grafana__Url"].ShouldBe("http://127.0.0.1:28080/grafana");
    }

    [Fact]
    public async Task No_resource_asks_for_tls_so_the_dashboard_shows_no_development_certificate_banner()
    {
        // Aspire 13.6 (DcpHost.EnsureDevelopmentCertificateTrustAsync) warns "No trusted development certificate" when any
        // resource has an https endpoint or an HTTPS-certificate callback not switched off by WithoutHttpsCertificate().
        var builder = await Model();

#pragma warning disable ASPIRECERTIFICATES001 // the annotations Aspire's own check reads are marked for evaluation
        builder.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()).ShouldAllBe(e => e.UriScheme != "https");
        foreach (var resource in builder.Resources.Where(r => r.Annotations.OfType<HttpsCertificateConfigurationCallbackAnnotation>().Any()))
        {
            var certificate = resource.Annotations.OfType<HttpsCertificateAnnotation>().LastOrDefault();
            certificate.ShouldNotBeNull(resource.Name);
            certificate.UseDeveloperCertificate.ShouldNotBe(true, resource.Name);
            certificate.Certificate.ShouldBeNull(resource.Name);
        }
#pragma warning restore ASPIRECERTIFICATES001
    }

    [GeneratedRegex(@"^name:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelName();
}
