using System.Text;
using ChaosLab.Experimenter.Experiments.Parsing;
using ChaosLab.Experimenter.Experiments.Validation;

namespace ChaosLab.Tests.Experiments;

public sealed class YamlSourceReaderTests
{
    private static YamlSourceNode Read(string text, out ValidationErrors errors)
    {
        errors = new ValidationErrors("t.yaml");
        return YamlSourceReader.Read(Encoding.UTF8.GetBytes(text), errors)!;
    }

    [Fact]
    public void Keeps_one_based_line_and_column_of_every_node()
    {
        var root = (YamlSourceMapping)Read("a: 1\nb:\n  - x\n  - {c: d}\n", out var errors);
        errors.Items.ShouldBeEmpty();
        root.Start.ShouldBe(new SourcePosition(1, 1));
        root.GetKey("b")!.Start.ShouldBe(new SourcePosition(2, 1));
        var list = (YamlSourceSequence)root.Get("b")!;
        list.Items[0].Start.ShouldBe(new SourcePosition(3, 5));
        var inner = (YamlSourceMapping)list.Items[1];
        inner.Get("c")!.Start.ShouldBe(new SourcePosition(4, 9));
    }

    [Fact]
    public void Types_scalars_by_the_yaml_1_2_core_schema()
    {
        var root = (YamlSourceMapping)Read("i: 10\nf: 1.5\nb: true\nn: ~\ns: \"10\"\nyes: yes\non: on\nh: 0x1F\n", out _);
        var json = YamlJson.Convert(root, new SourceMap(), new ValidationErrors("t"), string.Empty)!;
        json["i"]!.ToJsonString().ShouldBe("10");
        json["f"]!.ToJsonString().ShouldBe("1.5");
        json["b"]!.ToJsonString().ShouldBe("true");
        json["n"].ShouldBeNull();
        json["s"]!.ToJsonString().ShouldBe("\"10\"");
        json["yes"]!.ToJsonString().ShouldBe("\"yes\"");
        json["on"]!.ToJsonString().ShouldBe("\"on\"");
        json["h"]!.ToJsonString().ShouldBe("31");
    }

    [Fact]
    public void Accepts_a_bom_and_small_aliases()
    {
        var root = (YamlSourceMapping)Read("\uFEFFbase: &b {x: 1}\ncopy: *b\n", out var errors);
        errors.Items.ShouldBeEmpty();
        var json = YamlJson.Convert(root, new SourceMap(), errors, string.Empty)!;
        json["copy"]!["x"]!.ToJsonString().ShouldBe("1");
    }

    [Fact]
    public void Positions_map_finds_the_nearest_ancestor()
    {
        var root = Read("spec:\n  selector:\n    mode: one\n", out _);
        var map = new SourceMap();
        YamlJson.Convert(root, map, new ValidationErrors("t"), string.Empty);
        map.Find("spec.selector.mode").ShouldBe(new SourcePosition(3, 5));
        map.Find("spec.selector.missing").ShouldBe(new SourcePosition(2, 3));
    }

    [Fact]
    public void Field_paths_quote_keys_with_dots_and_slashes()
    {
        var path = FieldPath.Child(FieldPath.Child("spec", "labelSelectors"), "opentelemetry.io/name");
        path.ShouldBe("spec.labelSelectors[\"opentelemetry.io/name\"]");
        FieldPath.Parent(path).ShouldBe("spec.labelSelectors");
        FieldPath.Parent(FieldPath.Index("a", 3)).ShouldBe("a");
        FieldPath.Parent("a").ShouldBe(string.Empty);
    }
}
