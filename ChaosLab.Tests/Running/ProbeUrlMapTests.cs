using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Running;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.Tests.Running;

/// <summary><c>Lab:Runner:ProbeUrlMap</c>: which HTTP probe URLs are requested elsewhere, and how the rest of the URL is kept.</summary>
public sealed class ProbeUrlMapTests
{
    private static ProbeUrlMap Map(params (string From, string To)[] entries) =>
        new(entries.Select(e => new ProbeUrlMapping(new Uri(e.From), new Uri(e.To))));

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Theory]
    [InlineData("http://localhost:18081/", "http://frontend.online-boutique/")]
    [InlineData("http://localhost:18081/_healthz", "http://frontend.online-boutique/_healthz")]
    [InlineData("http://localhost:18081/product/OLJCESPC7Z?currency=EUR", "http://frontend.online-boutique/product/OLJCESPC7Z?currency=EUR")]
    public void A_url_under_the_prefix_goes_to_the_target_with_its_path_and_query_kept(string url, string expected)
    {
        var map = Map(("http://localhost:18081/", "http://frontend.online-boutique/"));

        map.Map(new Uri(url)).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("http://localhost:18080/", "http://127.0.0.1:18080/api/products")]
    [InlineData("http://127.0.0.1:18080/", "http://localhost:18080/api/products")]
    [InlineData("http://LOCALHOST:18080/", "http://localhost:18080/api/products")]
    public void Localhost_and_127_0_0_1_name_the_same_host(string from, string url)
    {
        var map = Map((from, "http://frontend-proxy.astronomy-shop:8080/"));

        map.Map(new Uri(url)).ToString().ShouldBe("http://frontend-proxy.astronomy-shop:8080/api/products");
    }

    [Theory]
    [InlineData("http://localhost:18080/")]
    [InlineData("https://localhost:18081/")]
    [InlineData("http://frontend:18081/")]
    [InlineData("http://10.0.0.1:18081/_healthz")]
    public void A_url_with_another_scheme_host_or_port_is_requested_as_written(string url)
    {
        var map = Map(("http://localhost:18081/", "http://frontend.online-boutique/"));
        var written = new Uri(url);

        map.Map(written).ShouldBeSameAs(written);
    }

    [Theory]
    [InlineData("http://localhost:18080/grafana/api/health", "http://grafana.astronomy-shop/api/health")]
    [InlineData("http://localhost:18080/grafana", "http://grafana.astronomy-shop/")]
    [InlineData("http://localhost:18080/grafanax/", "http://localhost:18080/grafanax/")]
    [InlineData("http://localhost:18080/", "http://localhost:18080/")]
    public void A_path_prefix_matches_whole_segments_only(string url, string expected)
    {
        var map = Map(("http://localhost:18080/grafana", "http://grafana.astronomy-shop/"));

        map.Map(new Uri(url)).ToString().ShouldBe(expected);
    }

    [Fact]
    public void The_first_matching_entry_wins()
    {
        var map = Map(("http://localhost:18080/grafana/", "http://grafana.astronomy-shop/"), ("http://localhost:18080/", "http://frontend-proxy.astronomy-shop:8080/"));

        map.Map(new Uri("http://localhost:18080/grafana/login")).ToString().ShouldBe("http://grafana.astronomy-shop/login");
        map.Map(new Uri("http://localhost:18080/cart")).ToString().ShouldBe("http://frontend-proxy.astronomy-shop:8080/cart");
    }

    [Fact]
    public void No_entries_request_every_url_as_written()
    {
        var written = new Uri("http://localhost:18081/_healthz");

        ProbeUrlMap.None.Entries.ShouldBeEmpty();
        ProbeUrlMap.None.Map(written).ShouldBeSameAs(written);
    }

    [Fact]
    public void Configuration_entries_are_read_in_index_order()
    {
        var map = ProbeUrlMap.From(Config(
            ("Lab:Runner:ProbeUrlMap:1:From", "http://localhost:18081/"), ("Lab:Runner:ProbeUrlMap:1:To", "http://frontend.online-boutique/"),
            ("Lab:Runner:ProbeUrlMap:0:From", "http://localhost:18080/"), ("Lab:Runner:ProbeUrlMap:0:To", "http://frontend-proxy.astronomy-shop:8080/")));

        map.Entries.Select(e => (e.From.ToString(), e.To.ToString())).ShouldBe([
            ("http://localhost:18080/", "http://frontend-proxy.astronomy-shop:8080/"),
            ("http://localhost:18081/", "http://frontend.online-boutique/")]);
    }

    [Fact]
    public void Without_the_setting_the_runner_options_map_nothing()
    {
        var options = EngineServiceCollectionExtensions.RunnerOptions(Config(("Lab:Runner:ResultsDirectory", "results")));

        options.ProbeUrlMap.Entries.ShouldBeEmpty();
    }

    [Fact]
    public void The_runner_options_read_the_map_from_Lab_Runner()
    {
        var options = EngineServiceCollectionExtensions.RunnerOptions(Config(
            ("Lab:Runner:ProbeUrlMap:0:From", "http://127.0.0.1:18081/"), ("Lab:Runner:ProbeUrlMap:0:To", "http://frontend.lab-ob/")));

        options.ProbeUrlMap.Map(new Uri("http://localhost:18081/_healthz")).ToString().ShouldBe("http://frontend.lab-ob/_healthz");
    }

    [Theory]
    [InlineData("Lab:Runner:ProbeUrlMap:0:From", "http://localhost:18081/", "Lab:Runner:ProbeUrlMap:0:To")]
    [InlineData("Lab:Runner:ProbeUrlMap:0:To", "http://frontend/", "Lab:Runner:ProbeUrlMap:0:From")]
    public void An_entry_missing_a_half_is_refused_naming_the_key(string key, string value, string missing)
    {
        var error = Should.Throw<ArgumentException>(() => ProbeUrlMap.From(Config((key, value))));

        error.Message.ShouldContain(missing);
    }

    [Theory]
    [InlineData("ftp://localhost:21/")]
    [InlineData("localhost:18081")]
    [InlineData("http://localhost:18081/?a=b")]
    public void A_from_that_is_not_an_http_prefix_is_refused_naming_the_key(string from)
    {
        var error = Should.Throw<ArgumentException>(() => ProbeUrlMap.From(Config(
            ("Lab:Runner:ProbeUrlMap:0:From", from), ("Lab:Runner:ProbeUrlMap:0:To", "http://frontend/"))));

        error.Message.ShouldContain("Lab:Runner:ProbeUrlMap:0:From");
    }

    [Fact]
    public void The_experiment_as_run_keeps_the_files_url_and_adds_the_requested_one_only_when_mapped()
    {
        var mapped = new HttpProbe(new Uri("http://localhost:18081/_healthz"), 200, TimeSpan.FromSeconds(5)) { Name = "healthz" };
        var unmapped = new HttpProbe(new Uri("http://shop.example/"), 200, TimeSpan.FromSeconds(5)) { Name = "elsewhere" };
        var experiment = RunnerHarness.PodKill() with { Hypothesis = new Hypothesis([mapped, unmapped]) };
        var map = Map(("http://localhost:18081/", "http://frontend.online-boutique/"));

        var probes = ExperimentSnapshot.From(experiment, map)["hypothesis"]!.AsArray();
        var unmappedRun = ExperimentSnapshot.From(experiment)["hypothesis"]!.AsArray();

        probes[0]!["url"]!.GetValue<string>().ShouldBe("http://localhost:18081/_healthz");
        probes[0]!["requestedUrl"]!.GetValue<string>().ShouldBe("http://frontend.online-boutique/_healthz");
        probes[0]!["urlMappedBy"]!.GetValue<string>().ShouldBe("Lab:Runner:ProbeUrlMap");
        probes[1]!.AsObject().ContainsKey("requestedUrl").ShouldBeFalse();
        unmappedRun.ShouldAllBe(p => !p!.AsObject().ContainsKey("requestedUrl") && !p.AsObject().ContainsKey("urlMappedBy"));
    }
}
