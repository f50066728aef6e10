using ChaosLab.AppHost.Hosting.Configuration;
using ChaosLab.AppHost.Hosting.Minikube;
using YamlDotNet.RepresentationModel;

namespace ChaosLab.Tests.Hosting.Configuration;

/// <summary>
/// The minikube memory rule: the default lives in code (unset in appsettings.json), is raised only while unset (+4g with
/// Istio, +3g with Online Boutique beside the shop; 6g for Online Boutique alone), and an explicit value is kept, with a
/// warning when it is below the estimate.
/// </summary>
public sealed class MinikubeMemoryTests
{
    private static LabOptions Options(params (string Key, string Value)[] values) => LabResources.Options(values);

    [Theory]
    [InlineData(null, null, "12g")]
    [InlineData("AstronomyShop", null, "12g")]
    [InlineData("AstronomyShop", "true", "16g")]
    [InlineData("OnlineBoutique", null, "6g")]
    [InlineData("OnlineBoutique", "true", "6g")] // Istio is not installed without the shop
    [InlineData("AstronomyShop,OnlineBoutique", null, "15g")]
    [InlineData("AstronomyShop,OnlineBoutique", "true", "19g")]
    public void Unset_memory_is_chosen_from_the_workloads_and_Istio(string? workloads, string? istio, string expected)
    {
        var values = new List<(string, string)>();
        if (workloads is not null)
        {
            values.Add(("Lab:Workloads", workloads));
        }

        if (istio is not null)
        {
            values.Add(("Lab:Istio:Enabled", istio));
        }

        var options = Options([.. values]);

        options.Minikube.Memory.ShouldBe(expected);
        options.Minikube.MemoryIsExplicit.ShouldBeFalse();
        options.Warnings().ShouldNotContain(w => w.StartsWith("Lab:Minikube:Memory", StringComparison.Ordinal));
    }

    [Fact]
    public void An_explicit_12g_with_Istio_is_kept_as_given_and_warned_about()
    {
        var options = Options(("Lab:Istio:Enabled", "true"), ("Lab:Minikube:Memory", "12g"));

        options.Minikube.Memory.ShouldBe("12g");
        options.Minikube.MemoryIsExplicit.ShouldBeTrue();
        options.Warnings().ShouldContain(w => w.StartsWith("Lab:Minikube:Memory is '12g', below the 16g the lab estimates for Chaos Mesh, the Astronomy Shop and Istio", StringComparison.Ordinal));
    }

    [Fact]
    public void An_explicit_value_below_the_estimate_for_both_workloads_is_kept_and_warned_about()
    {
        var options = Options(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:Minikube:Memory", "13312m"));

        options.Minikube.Memory.ShouldBe("13312m");
        options.Warnings().ShouldContain(w => w.StartsWith("Lab:Minikube:Memory is '13312m', below the 15g the lab estimates for Chaos Mesh, the Astronomy Shop and Online Boutique", StringComparison.Ordinal));
    }

    [Fact]
    public void An_explicit_value_at_or_above_the_estimate_is_kept_without_a_warning()
    {
        Options(("Lab:Istio:Enabled", "true"), ("Lab:Minikube:Memory", "20g")).Warnings().ShouldBeEmpty();
        Options(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:Minikube:Memory", "15360mb")).Warnings().ShouldBeEmpty();
    }

    [Fact]
    public void Online_Boutique_alone_warns_only_below_6g()
    {
        LabWarnings.For(Options(("Lab:Workloads", "OnlineBoutique"), ("Lab:Minikube:Memory", "8g"))).ShouldNotContain(w => w.StartsWith("Lab:Minikube:Memory", StringComparison.Ordinal));
        LabWarnings.For(Options(("Lab:Workloads", "OnlineBoutique"), ("Lab:Minikube:Memory", "4g"))).ShouldContain(w =>
            w.StartsWith("Lab:Minikube:Memory is '4g', below the 6g the lab estimates for Chaos Mesh and Online Boutique", StringComparison.Ordinal));
    }

    [Fact]
    public void An_existing_cluster_gets_no_memory_warning()
    {
        Options(("Lab:Cluster:Mode", "Existing"), ("Lab:Istio:Enabled", "true"), ("Lab:Minikube:Memory", "4g")).Warnings().ShouldBeEmpty();
    }

    [Fact]
    public void The_shipped_appsettings_leave_memory_unset_so_the_default_comes_from_code()
    {
        var text = File.ReadAllText(Path.Combine(Support.RepoPaths.Root, "ChaosLab.AppHost", "appsettings.json"));

        text.ShouldNotContain("\"Memory\"");
    }

    [Fact]
    public void Minikube_start_asks_for_the_chosen_memory()
    {
        var options = Options(("Lab:Workloads", "AstronomyShop,OnlineBoutique"), ("Lab:Istio:Enabled", "true"));

        var start = MinikubeCommands.Start("/tmp/k", options.Minikube);

        start.CommandLine.ShouldBe("minikube start -p chaoslab --cpus 6 --memory 19g --container-runtime containerd");
    }

    [Theory]
    [InlineData("12g", 12288L)]
    [InlineData("12GB", 12288L)]
    [InlineData("12288m", 12288L)]
    [InlineData("12288mb", 12288L)]
    [InlineData("12288", 12288L)]
    [InlineData("lots", null)]
    [InlineData("12t", null)]
    [InlineData("", null)]
    public void Sizes_are_read_as_minikube_reads_them(string size, long? mebibytes)
    {
        MinikubeMemory.ToMebibytes(size).ShouldBe(mebibytes);
    }

    [Fact]
    public void The_3g_for_Online_Boutique_covers_the_memory_limits_of_its_release_manifest()
    {
        // Summed here from the vendored manifest (containers of every Deployment, times replicas), independently of the code.
        var path = Path.Combine(Support.RepoPaths.Manifests, "workloads", "online-boutique", "kubernetes-manifests.yaml");
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        double limits = 0, requests = 0;
        foreach (var document in stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>())
        {
            if (document.Children.TryGetValue("kind", out var kind) && kind.ToString() == "Deployment")
            {
                var spec = (YamlMappingNode)document["spec"];
                var replicas = spec.Children.TryGetValue("replicas", out var r) ? int.Parse(r.ToString(), System.Globalization.CultureInfo.InvariantCulture) : 1;
                foreach (var container in ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)spec["template"])["spec"])["containers"]).OfType<YamlMappingNode>())
                {
                    var resources = (YamlMappingNode)container["resources"];
                    limits += replicas * Mebibytes(((YamlMappingNode)resources["limits"])["memory"].ToString());
                    requests += replicas * Mebibytes(((YamlMappingNode)resources["requests"])["memory"].ToString());
                }
            }
        }

        limits.ShouldBe(2542);
        requests.ShouldBe(1368);
        (MinikubeMemory.OnlineBoutiqueGib * 1024.0).ShouldBeGreaterThanOrEqualTo(limits);
    }

    private static double Mebibytes(string quantity) => quantity.EndsWith("Mi", StringComparison.Ordinal)
        ? double.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"unexpected memory quantity '{quantity}' in the manifest");
}
