using System.Globalization;
using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Processes;

/// <summary>The real runner against stub executables written by the test.</summary>
public sealed class CliWrapProcessRunnerTests : IDisposable
{
    private readonly StubExecutables _stubs = new();
    private readonly CliWrapProcessRunner _runner = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public CliWrapProcessRunnerTests()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The stub executables are bash scripts; run this contract test on Linux or macOS.");
    }

    public void Dispose() => _stubs.Dispose();

    [Fact]
    public async Task Returns_exit_code_stdout_and_stderr_without_throwing_on_failure()
    {
        var tool = _stubs.Write("fails", "echo 'to stdout'\necho 'Error: to stderr' >&2\nexit 3");

        var result = await _runner.RunAsync(new ProcessSpec(tool, []), Ct);

        result.ExitCode.ShouldBe(3);
        result.StandardOutput.ShouldBe("to stdout\n");
        result.StandardError.ShouldBe("Error: to stderr\n");
        result.LastErrorLine.ShouldBe("Error: to stderr");
    }

    [Fact]
    public async Task Passes_arguments_one_by_one_with_no_shell_in_between()
    {
        var tool = _stubs.Write("args", "printf '%s\\n' \"$@\"");

        var result = await _runner.RunAsync(new ProcessSpec(tool, ["--set", "a=b c", "$(touch /tmp/pwned)", "'quoted'", ""]), Ct);

        result.StandardOutput.ShouldBe("--set\na=b c\n$(touch /tmp/pwned)\n'quoted'\n\n");
    }

    [Fact]
    public async Task Sets_the_environment_on_top_of_the_parents()
    {
        var tool = _stubs.Write("env", "echo \"$KUBECONFIG|${PATH:+has-path}\"");

        var result = await _runner.RunAsync(new ProcessSpec(tool, []) { Environment = new Dictionary<string, string> { ["KUBECONFIG"] = "/x/kubeconfig" } }, Ct);

        result.StandardOutput.ShouldBe("/x/kubeconfig|has-path\n");
    }

    [Fact]
    public async Task Streams_lines_as_they_are_written()
    {
        var tool = _stubs.Write("stream", "echo one\necho two >&2\necho three");
        var outLines = new List<string>();
        var errLines = new List<string>();

        await _runner.RunAsync(new ProcessSpec(tool, []) { OnOutputLine = outLines.Add, OnErrorLine = errLines.Add }, Ct);

        outLines.ShouldBe(["one", "three"]);
        errLines.ShouldBe(["two"]);
    }

    [Fact]
    public async Task A_tool_that_is_not_on_the_path_throws_tool_not_found()
    {
        var ex = await Should.ThrowAsync<ToolNotFoundException>(() => _runner.RunAsync(new ProcessSpec("chaoslab-no-such-tool-4711", ["version"]), Ct));

        ex.Tool.ShouldBe("chaoslab-no-such-tool-4711");
    }

    [Fact]
    public async Task Finds_tools_on_the_path()
    {
        _stubs.Write("chaoslab-stub-helm", "echo v4.0.1");
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", _stubs.Directory + Path.PathSeparator + path);
        try
        {
            ExecutableLocator.Find("chaoslab-stub-helm").ShouldBe(Path.Combine(_stubs.Directory, "chaoslab-stub-helm"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [Fact]
    public async Task Cancellation_kills_the_whole_process_tree()
    {
        var pidFile = Path.Combine(_stubs.Directory, "child.pid");
        var tool = _stubs.Write("tree", $"sleep 300 &\necho $! > '{pidFile}'\necho started\nwait");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = _runner.RunAsync(new ProcessSpec(tool, []) { OnOutputLine = _ => started.TrySetResult() }, cancel.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);
        var childPid = int.Parse((await File.ReadAllTextAsync(pidFile, Ct)).Trim(), CultureInfo.InvariantCulture);
        IsAlive(childPid).ShouldBeTrue();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(20), Ct));
        for (var i = 0; i < 100 && IsAlive(childPid); i++)
        {
            await Task.Delay(50, Ct);
        }

        IsAlive(childPid).ShouldBeFalse("the grandchild 'sleep 300' must die with its parent");
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (File.Exists(stat))
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)] != 'Z';
        }

        if (System.IO.Directory.Exists("/proc"))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
