namespace ChaosLab.Tests.Hosting.Configuration;

/// <summary><c>Lab:Experimenter:Hosting</c>, next to the worker's own <c>Lab:Experimenter:*</c> keys.</summary>
public sealed class ExperimenterOptionsTests
{
    [Fact]
    public void Hosting_defaults_to_local_and_the_workers_own_keys_do_not_disturb_it()
    {
        var options = LabResources.Options(("Lab:Experimenter:Mode", "suite"), ("Lab:Experimenter:DefaultSuite", "nightly"));

        options.Experimenter.Hosting.ShouldBe("Local");
        options.Experimenter.IsInCluster.ShouldBeFalse();
        options.Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("InCluster")]
    [InlineData("incluster")]
    public void In_cluster_hosting_is_read_case_insensitively(string value)
    {
        var options = LabResources.Options(("Lab:Experimenter:Hosting", value));

        options.Experimenter.IsInCluster.ShouldBeTrue();
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_hosting_is_named_with_what_is_expected()
    {
        LabResources.Options(("Lab:Experimenter:Hosting", "Cloud")).Validate()
            .ShouldBe(["Lab:Experimenter:Hosting is 'Cloud'; expected 'Local' or 'InCluster'."]);
    }
}
