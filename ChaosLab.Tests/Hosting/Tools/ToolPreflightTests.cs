using ChaosLab.AppHost.Hosting.Tools;
using ChaosLab.Tests.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Tools;

public sealed class ToolPreflightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Helm_4_passes_and_is_asked_with_its_template()
    {
        var runner = new FakeProcessRunner().WithGoodTools();

        var result = await new ToolPreflight(runner).CheckAsync(KnownTools.Helm, Ct);

        result.IsUsable.ShouldBeTrue();
        result.Version.ShouldBe(new Version(4, 0, 1));
        runner.CommandLines.ShouldBe(["helm version --template {{.Version}}"]);
    }

    [Fact]
    public async Task Helm_3_is_too_old_with_what_to_install()
    {
        var runner = new FakeProcessRunner().On("helm version", stdout: "v3.17.2");

        var result = await new ToolPreflight(runner).CheckAsync(KnownTools.Helm, Ct);

        result.IsUsable.ShouldBeFalse();
        result.Problem.ShouldStartWith("helm v3.17.2 is too old; ChaosLab needs helm v4.0.0 or newer.");
        result.Problem.ShouldContain("Install Helm 4 (https://helm.sh/docs/intro/install/");
    }

    [Fact]
    public async Task Missing_minikube_names_what_to_install_and_the_alternative()
    {
        var runner = new FakeProcessRunner();
        runner.MissingTools.Add("minikube");

        var result = await new ToolPreflight(runner).CheckAsync(KnownTools.Minikube, Ct);

        result.IsUsable.ShouldBeFalse();
        result.Problem.ShouldStartWith("minikube is not installed (not found on the PATH). Install minikube 1.33 or newer (https://minikube.sigs.k8s.io/docs/start/");
        result.Problem.ShouldContain("Lab:Cluster:Mode=Existing");
    }

    [Fact]
    public async Task A_failing_version_command_is_reported_with_its_error()
    {
        var runner = new FakeProcessRunner().On("kubectl version", exitCode: 1, stderr: "error: unknown flag: -o");

        var result = await new ToolPreflight(runner).CheckAsync(KnownTools.Kubectl, Ct);

        result.IsUsable.ShouldBeFalse();
        result.Problem.ShouldStartWith("'kubectl version --client -o json' failed (error: unknown flag: -o)");
    }
}
