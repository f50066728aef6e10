using ChaosLab.AppHost.Hosting.Tools;

namespace ChaosLab.Tests.Hosting.Tools;

public sealed class ToolVersionTests
{
    [Theory]
    [InlineData("v4.0.1", "4.0.1")]
    [InlineData("v3.17.2+g1234abc", "3.17.2")]
    [InlineData("minikube version: v1.37.0\ncommit: 65318f4", "1.37.0")]
    [InlineData("v1.37.0\n", "1.37.0")]
    [InlineData("{\"clientVersion\":{\"major\":\"1\",\"gitVersion\":\"v1.32.4-dispatcher\"},\"kustomizeVersion\":\"v5.5.0\"}", "1.32.4")]
    [InlineData("v4.1", "4.1.0")]
    public void Parses_what_the_tools_print(string output, string expected) =>
        ToolVersion.Parse(output).ShouldBe(Version.Parse(expected));

    [Theory]
    [InlineData("")]
    [InlineData("not a version")]
    public void Returns_null_without_a_version(string output) => ToolVersion.Parse(output).ShouldBeNull();
}
