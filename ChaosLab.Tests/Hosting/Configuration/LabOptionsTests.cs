using ChaosLab.AppHost.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.Tests.Hosting.Configuration;

public sealed class LabOptionsTests
{
    private static LabOptions Bind(params (string Key, string Value)[] values) =>
        LabOptions.Bind(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Defaults_are_a_containerd_minikube_profile_named_chaoslab_with_6_cpus_and_12g()
    {
        var options = Bind();

        options.Mode.ShouldBe(ClusterMode.Minikube);
        options.Minikube.Profile.ShouldBe("chaoslab");
        options.Minikube.ContainerRuntime.ShouldBe("containerd");
        options.Minikube.Cpus.ShouldBe(6);
        options.Minikube.Memory.ShouldBe("12g");
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void The_shipped_appsettings_bind_to_the_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Support.RepoPaths.Root, "ChaosLab.AppHost", "appsettings.json"))
            .Build();

        var options = LabOptions.Bind(configuration);

        options.Validate().ShouldBeEmpty();
        options.Mode.ShouldBe(ClusterMode.Minikube);
        options.Minikube.Profile.ShouldBe("chaoslab");
        options.Ports.Prometheus.ShouldBe(19090);
    }

    [Fact]
    public void Existing_mode_binds_kubeconfig_and_context()
    {
        var options = Bind(("Lab:Cluster:Mode", "existing"), ("Lab:Cluster:Kubeconfig", "/k/config"), ("Lab:Cluster:Context", "kind-lab"));

        options.Mode.ShouldBe(ClusterMode.Existing);
        options.Cluster.Kubeconfig.ShouldBe("/k/config");
        options.Cluster.Context.ShouldBe("kind-lab");
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Existing_mode_without_kubeconfig_and_context_names_both_keys()
    {
        var errors = Bind(("Lab:Cluster:Mode", "Existing")).Validate();

        errors.ShouldContain(e => e.StartsWith("Lab:Cluster:Kubeconfig is required", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("Lab:Cluster:Context is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_values_are_named_with_what_is_expected()
    {
        var errors = Bind(
            ("Lab:Cluster:Mode", "Kind"),
            ("Lab:Minikube:ContainerRuntime", "rkt"),
            ("Lab:Minikube:Cpus", "1"),
            ("Lab:Minikube:Memory", "lots"),
            ("Lab:Minikube:Profile", "Chaos_Lab"),
            ("Lab:Ports:Shop", "19090")).Validate();

        errors.ShouldBe(
        [
            "Lab:Cluster:Mode is 'Kind'; expected 'Minikube' or 'Existing'.",
            "Lab:Minikube:Profile is 'Chaos_Lab'; expected lowercase letters, digits and '-' (e.g. 'chaoslab').",
            "Lab:Minikube:ContainerRuntime is 'rkt'; expected 'containerd', 'docker' or 'cri-o'.",
            "Lab:Minikube:Cpus is 1; expected at least 2 (6 recommended for the demo).",
            "Lab:Minikube:Memory is 'lots'; expected a size such as '12g' or '12288m' (the demo needs about 8 GiB).",
            "Lab:Ports:Shop and Lab:Ports:Prometheus are all 19090; each port-forward needs its own local port.",
        ]);
    }
}
