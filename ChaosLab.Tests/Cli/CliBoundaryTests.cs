using System.Text.RegularExpressions;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Journal;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Cli;

/// <summary>The CLI is an edge: the engine returns typed outcomes and never reaches into <c>Cli/</c>; only the CLI maps outcomes to exit codes.</summary>
public sealed partial class CliBoundaryTests
{
    private static readonly string Experimenter = Path.Combine(RepoPaths.Root, "ChaosLab.Experimenter");

    [Fact]
    public void No_file_outside_Cli_and_Program_uses_the_Cli_namespace()
    {
        var offenders = new List<string>();
        var files = Directory.EnumerateFiles(Experimenter, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f))
            .ToList();
        files.Count.ShouldBeGreaterThan(100, "the scan must see the experimenter's sources");
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(Experimenter, file).Replace('\\', '/');
            if (relative.StartsWith("Cli/", StringComparison.Ordinal) || relative == "Program.cs")
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (CliReference().IsMatch(lines[i]))
                {
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        offenders.ShouldBeEmpty("the engine must return outcomes and leave exit codes and CLI parsing to Cli/:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void The_scan_recognises_every_way_of_reaching_the_Cli_namespace()
    {
        CliReference().IsMatch("using ChaosLab.Experimenter.Cli;").ShouldBeTrue();
        CliReference().IsMatch("global using ChaosLab.Experimenter.Cli;").ShouldBeTrue();
        CliReference().IsMatch("using Codes = ChaosLab.Experimenter.Cli.ExitCodes;").ShouldBeTrue();
        CliReference().IsMatch("    return Cli.ExitCodes.AbortedOrInconclusive;").ShouldBeTrue();
        CliReference().IsMatch("using ChaosLab.Experimenter.Running;").ShouldBeFalse();
        CliReference().IsMatch("var client = new CliWrapProcessRunner();").ShouldBeFalse();
    }

    [Theory]
    [InlineData(RunOutcome.Held, 0)]
    [InlineData(RunOutcome.Deviated, 1)]
    [InlineData(RunOutcome.Inconclusive, 3)]
    [InlineData(RunOutcome.Failed, 3)]
    [InlineData(RunOutcome.Aborted, 3)]
    [InlineData(RunOutcome.Interrupted, 3)]
    public void Each_run_outcome_maps_to_its_documented_exit_code(RunOutcome outcome, int exitCode) =>
        ExitCodes.For(outcome).ShouldBe(exitCode);

    [Fact]
    public void A_run_that_never_ended_maps_to_3() => ExitCodes.For(null).ShouldBe(3);

    private static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(Experimenter, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    [GeneratedRegex(@"\bChaosLab\.Experimenter\.Cli\b|(?<![\w.])Cli\.[A-Z]")]
    private static partial Regex CliReference();
}
