using ChaosLab.Experimenter.Reporting;

namespace ChaosLab.Tests.Reporting;

public sealed class SvgChartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    // Plot area: x 64..748 (684 wide), y 22..196 (174 high). Values 10..20 padded by 10 % → axis 9..21.
    private static ChartSpec Spec() => new()
    {
        Title = "product-catalog error_ratio",
        From = T0,
        To = T0.AddSeconds(100),
        Points = [new(T0.AddSeconds(10), 10), new(T0.AddSeconds(50), 20), new(T0.AddSeconds(90), 15)],
        Band = (12, 18),
        Baseline = 15,
        Shades = [(T0.AddSeconds(20), T0.AddSeconds(50), "fault", "fault-window")],
        Markers = [(T0.AddSeconds(30), "detected", "detect"), (T0.AddSeconds(70), "recovered", "recover")],
    };

    [Fact]
    public void The_band_spans_the_plot_between_its_lower_and_upper_values()
    {
        var svg = SvgChart.Render(Spec());

        // upper 18 → 22 + (1 - 9/12)·174 = 65.5; lower 12 → 22 + (1 - 3/12)·174 = 152.5
        svg.ShouldContain("<rect class=\"band\" x=\"64\" y=\"65.5\" width=\"684\" height=\"87\"");
    }

    [Fact]
    public void The_fault_window_is_shaded_from_fault_start_to_fault_end()
    {
        var svg = SvgChart.Render(Spec());

        // 20 s of 100 s → 64 + 0.2·684 = 200.8; 30 s wide → 205.2
        svg.ShouldContain("<rect class=\"fault-window\" x=\"200.8\" y=\"22\" width=\"205.2\" height=\"174\"");
    }

    [Fact]
    public void Detect_and_recover_markers_and_the_values_are_drawn_where_they_happened()
    {
        var svg = SvgChart.Render(Spec());

        svg.ShouldContain("<line class=\"marker detect\" x1=\"269.2\" x2=\"269.2\""); // 64 + 0.3·684
        svg.ShouldContain("<line class=\"marker recover\" x1=\"542.8\" x2=\"542.8\""); // 64 + 0.7·684
        svg.ShouldContain("<path class=\"series\" d=\"M132.4,181.5 L406,36.5 L679.6,109\""); // y(10)=181.5, y(20)=36.5, y(15)=109
    }

    [Fact]
    public void A_band_open_upwards_reaches_the_top_of_the_plot()
    {
        var svg = SvgChart.Render(Spec() with { Band = (12, double.PositiveInfinity) });

        // axis 9..21 (values and the finite edge); lower 12 → 152.5, top of the plot 22
        svg.ShouldContain("<rect class=\"band\" x=\"64\" y=\"22\" width=\"684\" height=\"130.5\"");
    }

    [Fact]
    public void A_chart_without_values_says_why_and_still_draws_the_band()
    {
        var svg = SvgChart.Render(Spec() with { Points = [], EmptyNote = "values not stored" });

        svg.ShouldNotContain("class=\"series\"");
        svg.ShouldContain(">values not stored</text>");
        svg.ShouldContain("<rect class=\"band\"");
    }

    [Fact]
    public void The_svg_is_well_formed_xml()
    {
        var svg = SvgChart.Render(Spec() with { Title = "a <b> & \"c\"" });

        var root = System.Xml.Linq.XElement.Parse(svg);
        root.Name.LocalName.ShouldBe("svg");
        root.Elements().First().Value.ShouldBe("a <b> & \"c\"");
    }
}
