using ChaosLab.AppHost.Hosting.Processes;

namespace ChaosLab.Tests.Hosting.Processes;

public sealed class ProcessRunnerExtensionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hanging_tool_is_cancelled_at_the_timeout_and_reported()
    {
        var cancelled = false;
        var runner = new FakeProcessRunner().On(_ => true, async (_, ct) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(5), ct);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return new ProcessResult(0, "", "");
        });

        var ex = await Should.ThrowAsync<TimeoutException>(() =>
            runner.RunLoggedAsync(new ProcessSpec("helm", ["upgrade"]), new ListLogger(), TimeSpan.FromMilliseconds(100), Ct));

        ex.Message.ShouldBe("'helm upgrade' did not finish within 00:00:00.1000000 and was stopped.");
        cancelled.ShouldBeTrue();
    }

    [Fact]
    public async Task Output_is_streamed_to_the_log_with_the_command_line_first()
    {
        var runner = new FakeProcessRunner().On("helm", stdout: "one\ntwo\n", stderr: "warn\n");
        var log = new ListLogger();

        await runner.RunLoggedAsync(new ProcessSpec("helm", ["repo", "update"]), log, TimeSpan.FromSeconds(5), Ct);

        log.Messages.ShouldBe(["$ helm repo update", "one", "two", "warn"]);
    }
}
