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

    [Fact]
    public void Lab_Workloads_defaults_to_the_Astronomy_Shop_alone_with_no_warnings()
    {
        var options = Bind();

        options.SelectedWorkloads.ShouldBe([LabWorkload.AstronomyShop]);
        (options.HasShop, options.HasOnlineBoutique, options.OnlineBoutiqueTracing).ShouldBe((true, false, false));
        options.OnlineBoutique.Namespace.ShouldBe("online-boutique");
        options.Ports.OnlineBoutique.ShouldBe(18081);
        options.Warnings().ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_workload_fails_with_the_list_of_valid_ones()
    {
        Bind(("Lab:Workloads", "AstronomyShop,SockShop")).Validate().ShouldBe(
        [
            "Lab:Workloads names 'SockShop', which is not a workload; expected one or more of AstronomyShop, OnlineBoutique (a list, or one comma-separated string).",
        ]);
    }

    [Fact]
    public void Online_Boutique_needs_its_own_valid_namespace_and_a_positive_timeout()
    {
        Bind(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:OnlineBoutique:Namespace", "astronomy-shop")).Validate().ShouldBe(
        [
            "Lab:OnlineBoutique:Namespace and Lab:Shop:Namespace are both 'astronomy-shop'; each workload needs its own namespace (both have a Service 'frontend').",
        ]);
        Bind(("Lab:Workloads", "OnlineBoutique"), ("Lab:OnlineBoutique:Namespace", "Online_Boutique"), ("Lab:OnlineBoutique:Timeout", "00:00:00")).Validate().ShouldBe(
        [
            "Lab:OnlineBoutique:Namespace is 'Online_Boutique'; expected a Kubernetes namespace name (lowercase letters, digits, '-').",
            "Lab:OnlineBoutique:Timeout is '00:00:00'; expected a positive duration such as 00:10:00.",
        ]);
    }

    [Fact]
    public void Only_the_ports_of_forwards_the_lab_creates_must_differ()
    {
        Bind(("Lab:Workloads", "OnlineBoutique"), ("Lab:Ports:OnlineBoutique", "18080")).Validate().ShouldBeEmpty();
        Bind(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:Ports:OnlineBoutique", "18080")).Validate().ShouldBe(
        [
            "Lab:Ports:Shop and Lab:Ports:OnlineBoutique are all 18080; each port-forward needs its own local port.",
        ]);
        Bind(("Lab:Workloads", "OnlineBoutique"), ("Lab:Ports:OnlineBoutique", "0")).Validate().ShouldBe(
        [
            "Lab:Ports:OnlineBoutique is 0; expected a TCP port between 1 and 65535.",
        ]);
    }

    [Fact]
    public void In_cluster_hosting_needs_the_shop()
    {
        Bind(("Lab:Workloads", "OnlineBoutique"), ("Lab:Experimenter:Hosting", "InCluster")).Validate().ShouldBe(
        [
            "Lab:Experimenter:Hosting is 'InCluster', which deploys the worker into the Astronomy Shop's namespace, but Lab:Workloads does not include AstronomyShop; add it, or use Hosting 'Local'.",
        ]);
    }

    [Fact]
    public void Tracing_is_on_only_with_the_setting_and_both_workloads()
    {
        Bind(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:OnlineBoutique:Tracing", "true")).OnlineBoutiqueTracing.ShouldBeTrue();
        Bind(("Lab:Workloads", "AstronomyShop,OnlineBoutique")).OnlineBoutiqueTracing.ShouldBeFalse();
    }
}
