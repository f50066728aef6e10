using ChaosLab.AppHost.Hosting.Minikube;

namespace ChaosLab.Tests.Hosting.Minikube;

public sealed class MinikubeProfileParserTests
{
    [Fact]
    public void Reads_status_runtime_driver_version_and_ip()
    {
        var profile = MinikubeProfileParser.Find(LabWorld.ProfileListJson("chaoslab", "OK", "containerd"), "chaoslab");

        profile.ShouldBe(new MinikubeProfile("chaoslab", "OK")
        {
            Driver = "docker",
            ContainerRuntime = "containerd",
            KubernetesVersion = "v1.34.0",
            NodeIp = "192.168.49.2",
        });
        profile!.IsRunning.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Stopped", false)]
    [InlineData("Running", true)]
    [InlineData("Unknown", false)]
    public void Only_ok_or_running_counts_as_running(string status, bool running) =>
        MinikubeProfileParser.Find(LabWorld.ProfileListJson("p", status, "docker"), "p")!.IsRunning.ShouldBe(running);

    [Theory]
    [InlineData("")]
    [InlineData("{\"error\":{\"Name\":\"MK_USAGE_NO_PROFILE\"}}")]
    [InlineData("* Exiting due to MK_USAGE_NO_PROFILE")]
    public void Absent_profiles_and_errors_read_as_absent(string output) =>
        MinikubeProfileParser.Find(output, "chaoslab").ShouldBeNull();

    [Fact]
    public void Other_profiles_do_not_count() =>
        MinikubeProfileParser.Find(LabWorld.ProfileListJson("minikube", "OK", "docker"), "chaoslab").ShouldBeNull();
}
