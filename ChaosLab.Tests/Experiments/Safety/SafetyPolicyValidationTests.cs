using System.Text;
using ChaosLab.Experimenter.Cli;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ChaosLab.Tests.Support;

namespace ChaosLab.Tests.Experiments.Safety;

/// <summary><c>chaoslab validate</c> sizing faults against the demo's pods.</summary>
public sealed class SafetyPolicyValidationTests
{
    [Fact]
    public async Task Half_of_the_demo_is_twelve_pods_and_above_a_limit_of_ten()
    {
        using var folder = new TempFolder();
        var file = folder.Write("half.yaml", Kill("mode: fixed-percent\n      value: \"50\"", "expressionSelectors:\n          - {key: app.kubernetes.io/version, operator: Exists}"));

        var outcome = await CliRunner.RunAsync("validate", file, "--max-pods", "10");

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("this fault can affect 12 pods, above the blast-radius limit of 10");
        (await CliRunner.RunAsync("validate", file, "--max-pods", "12")).ExitCode.ShouldBe(ExitCodes.Success);
    }

    [Fact]
    public void The_validator_the_engine_registers_takes_the_operators_limit_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lab:Runner:MaxPodsAffected"] = "1" }).Build();
        var text = Kill("mode: all", "labelSelectors:\n          app.kubernetes.io/version: \"3.0.0\"\n        expressionSelectors:\n          - {key: opentelemetry.io/name, operator: In, values: [cart, ad]}");

        using var provider = new ServiceCollection().AddLogging().AddChaosLabEngine(configuration).BuildServiceProvider();
        var result = provider.GetRequiredService<ExperimentFileValidator>().Validate("two.yaml", Encoding.UTF8.GetBytes(text));

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldContain(e => e.Message.StartsWith("this fault can affect 2 pods, above the blast-radius limit of 1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_expression_operator_is_refused()
    {
        using var folder = new TempFolder();
        var file = folder.Write("op.yaml", Kill("mode: one", "expressionSelectors:\n          - {key: opentelemetry.io/name, operator: Like, values: [cart]}"));

        var outcome = await CliRunner.RunAsync("validate", file);

        outcome.ExitCode.ShouldBe(ExitCodes.InvalidInput);
        outcome.Error.ShouldContain("expressionSelectors[0].operator: 'Like' is not a label-selector operator");
    }

    private static string Kill(string mode, string selector) => $"""
        name: demo-kill
        namespace: astronomy-shop
        fault:
          chaos:
            kind: PodChaos
            spec:
              action: pod-kill
              {mode}
              selector:
                {selector}
        hypothesis:
          probes:
            - name: up
              prometheus:
                query: up
              tolerance:
                atLeast: 1
        """;
}
