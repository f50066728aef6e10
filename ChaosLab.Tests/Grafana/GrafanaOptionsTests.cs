using ChaosLab.Experimenter.Grafana;
using ChaosLab.Experimenter.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChaosLab.Tests.Grafana;

public sealed class GrafanaOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Url_and_token_come_from_Lab_Grafana()
    {
        var options = GrafanaOptions.From(Config(("Lab:Grafana:Url", "http://127.0.0.1:8080/grafana"), ("Lab:Grafana:ApiToken", "t")));

        options.Url.ShouldBe(new Uri("http://127.0.0.1:8080/grafana"));
        options.ApiToken.ShouldBe("t");
        options.Timeout.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_url_that_is_not_absolute_http_is_refused_naming_the_key()
    {
        Should.Throw<ArgumentException>(() => GrafanaOptions.From(Config(("Lab:Grafana:Url", "grafana")))).Message
            .ShouldBe("Lab:Grafana:Url: 'grafana' is not an absolute http(s) URL");
    }

    [Fact]
    public void The_engine_has_a_grafana_observer_only_when_a_url_is_set()
    {
        static IRunObserver[] Observers(IConfiguration configuration)
        {
            using var services = new ServiceCollection().AddLogging().AddChaosLabEngine(configuration).BuildServiceProvider();
            return [.. services.GetServices<IRunObserver>()];
        }

        Observers(Config()).OfType<GrafanaAnnotationObserver>().ShouldBeEmpty();
        Observers(Config(("Lab:Grafana:Url", "http://127.0.0.1:1/grafana"))).OfType<GrafanaAnnotationObserver>().ShouldHaveSingleItem();
    }
}
