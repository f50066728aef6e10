using ChaosLab.AppHost.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace ChaosLab.Tests.Hosting.Configuration;

/// <summary><c>Lab:Workloads</c> as a configuration array or one comma-separated string, names case-insensitive.</summary>
public sealed class LabWorkloadsTests
{
    private static (IReadOnlySet<LabWorkload> Selected, IReadOnlyList<string> Unknown) Read(params (string Key, string Value)[] values) =>
        LabWorkloads.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Absent_means_the_Astronomy_Shop_alone()
    {
        var (selected, unknown) = Read();

        selected.ShouldBe([LabWorkload.AstronomyShop]);
        unknown.ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_string_also_means_the_Astronomy_Shop_alone()
    {
        Read(("Lab:Workloads", " ")).Selected.ShouldBe([LabWorkload.AstronomyShop]);
    }

    [Theory]
    [InlineData("OnlineBoutique")]
    [InlineData("onlineboutique")]
    [InlineData(" ONLINEBOUTIQUE ")]
    public void One_name_in_any_case_selects_that_workload_alone(string value)
    {
        Read(("Lab:Workloads", value)).Selected.ShouldBe([LabWorkload.OnlineBoutique]);
    }

    [Fact]
    public void A_comma_separated_string_selects_both()
    {
        Read(("Lab:Workloads", "OnlineBoutique, astronomyShop")).Selected.ShouldBe([LabWorkload.AstronomyShop, LabWorkload.OnlineBoutique], ignoreOrder: true);
    }

    [Fact]
    public void A_configuration_array_selects_both_and_a_repeated_name_counts_once()
    {
        var (selected, unknown) = Read(("Lab:Workloads:0", "AstronomyShop"), ("Lab:Workloads:1", "OnlineBoutique"), ("Lab:Workloads:2", "onlineboutique"));

        selected.ShouldBe([LabWorkload.AstronomyShop, LabWorkload.OnlineBoutique], ignoreOrder: true);
        unknown.ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_names_and_enum_numbers_are_kept_for_validation_and_select_nothing_by_themselves()
    {
        var (selected, unknown) = Read(("Lab:Workloads", "SockShop,1"));

        selected.ShouldBeEmpty();
        unknown.ShouldBe(["SockShop", "1"]);
    }

    [Fact]
    public void The_valid_names_are_listed_for_error_messages()
    {
        LabWorkloads.ValidNames.ShouldBe("AstronomyShop, OnlineBoutique");
    }
}
