using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Tests.Analysis;

public sealed class SliQuerySyntaxTests
{
    [Fact]
    public void The_catalogue_templates_pass()
    {
        SliCatalog.Defaults.ShouldAllBe(d => SliQuerySyntax.Problem(d.Template) == null);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("sum(rate(x[$window]))", "must use $selector")]
    [InlineData("sum(rate(x{$selector}[$windw]))", "unknown placeholder '$windw'")]
    [InlineData("sum(rate(x{$selector}[$window])", "unclosed '('")]
    [InlineData("sum(rate(x{$selector}[$window])))", "unbalanced ')'")]
    [InlineData("sum(rate(x{$selector,a=\"b)}[$window]))", "unclosed \" quote")]
    [InlineData("sum(rate(x{$selector]}[$window]))", "unbalanced ']'")]
    public void Broken_templates_are_named(string template, string problem)
    {
        SliQuerySyntax.Problem(template).ShouldNotBeNull().ShouldContain(problem);
    }

    [Fact]
    public void Brackets_inside_quotes_do_not_count()
    {
        SliQuerySyntax.Problem("sum by (service_name) (rate(x{$selector,path=\"/a(b]\"}[$window]))").ShouldBeNull();
    }
}
