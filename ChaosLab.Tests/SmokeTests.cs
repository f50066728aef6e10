namespace ChaosLab.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task AppHost_model_contains_the_experimenter()
    {
        var builder = await Aspire.Hosting.Testing.DistributedApplicationTestingBuilder
            .CreateAsync<Projects.ChaosLab_AppHost>(TestContext.Current.CancellationToken);
        builder.Resources.ShouldContain(r => r.Name == "experimenter");
    }
}
