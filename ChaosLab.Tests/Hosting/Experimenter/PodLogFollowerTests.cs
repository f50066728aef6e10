using ChaosLab.AppHost.Hosting.Experimenter;
using ChaosLab.AppHost.Hosting.Processes;
using ChaosLab.Tests.Hosting.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Hosting.Experimenter;

/// <summary><c>kubectl logs -f</c> restarted after each exit with a growing, capped pause on a fake clock, given up after
/// five quick exits in a row, and ended at once by cancellation.</summary>
public sealed class PodLogFollowerTests
{
    private static readonly ProcessSpec Follow = new("kubectl", ["logs", "-f", "deployment/chaoslab-experimenter", "-n", "astronomy-shop"]);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly List<DateTimeOffset> _starts = [];
    private readonly Lock _gate = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Starts
    {
        get
        {
            lock (_gate)
            {
                return _starts.Count;
            }
        }
    }

    /// <summary>A runner whose <c>kubectl logs -f</c> records the fake time and exits with 1 at once (the fake runner hands its stderr line to the log), except the calls in
    /// <paramref name="longRuns"/> (1-based), which "last" two minutes of fake time before exiting.</summary>
    private FakeProcessRunner QuickExits(params int[] longRuns) => new FakeProcessRunner().On(s => s.Arguments is ["logs", "-f", ..], (_, _) =>
    {
        int call;
        lock (_gate)
        {
            _starts.Add(_time.GetUtcNow());
            call = _starts.Count;
        }

        if (longRuns.Contains(call))
        {
            _time.Advance(TimeSpan.FromMinutes(2));
        }

        return Task.FromResult(new ProcessResult(1, "", "error: container not ready"));
    });

    /// <summary>Waits (bounded, real time) until <paramref name="count"/> starts were made.</summary>
    private async Task UntilStarts(int count)
    {
        for (var i = 0; i < 500 && Starts < count; i++)
        {
            await Task.Delay(10, Ct);
        }

        Starts.ShouldBe(count);
    }

    /// <summary>Moves the fake clock in one-second steps until the follower starts again; returns the pause it made.</summary>
    private async Task<TimeSpan> NextPause()
    {
        var before = Starts;
        for (var seconds = 1; seconds <= 60; seconds++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            for (var i = 0; i < 20 && Starts == before; i++)
            {
                await Task.Delay(5, Ct);
            }

            if (Starts > before)
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        throw new InvalidOperationException("the follower did not start again within 60 s of fake time");
    }

    [Fact]
    public async Task Quick_exits_are_restarted_after_1_2_4_and_8_seconds_and_the_fifth_in_a_row_gives_up_with_a_warning()
    {
        var log = new ListLogger();
        var follower = new PodLogFollower(QuickExits(), _time);

        var following = follower.FollowAsync(Follow, log, Ct);
        await UntilStarts(1);
        var pauses = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            pauses.Add(await NextPause());
        }

        (await following.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(5);
        pauses.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)]);
        log.Entries.Count(e => e.Message == "$ " + Follow.CommandLine).ShouldBe(5);
        log.Entries.Count(e => e is { Level: LogLevel.Warning, Message: "error: container not ready" }).ShouldBe(5);
        log.Entries[^1].Level.ShouldBe(LogLevel.Warning);
        log.Entries[^1].Message.ShouldBe("kubectl logs -f ended 5 times in a row (last: exit code 1: error: container not ready); the pod's log is no longer followed here.");
    }

    [Fact]
    public async Task A_follow_that_lasted_over_a_minute_starts_the_count_of_quick_exits_again()
    {
        var follower = new PodLogFollower(QuickExits(longRuns: 3), _time);

        var following = follower.FollowAsync(Follow, new ListLogger(), Ct);
        await UntilStarts(1);
        var pauses = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            pauses.Add(await NextPause());
        }

        (await following.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(7);
        pauses.Select(p => p.TotalSeconds).ShouldBe([1, 2, 1, 2, 4, 8]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void The_pause_doubles_and_is_capped_at_30_seconds(int quickExits, int seconds) =>
        PodLogFollower.DelayAfter(quickExits).ShouldBe(TimeSpan.FromSeconds(seconds));

    [Fact]
    public async Task Cancellation_ends_a_running_follow_and_a_pause_without_another_start()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var running = new FakeProcessRunner().On(s => s.Arguments is ["logs", "-f", ..], async (_, ct) =>
        {
            lock (_gate)
            {
                _starts.Add(_time.GetUtcNow());
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new ProcessResult(0, "", "");
        });

        var following = new PodLogFollower(running, _time).FollowAsync(Follow, new ListLogger(), stop.Token);
        await UntilStarts(1);
        await stop.CancelAsync();

        (await following.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(1);

        // In a pause: one quick exit, then cancel before the clock reaches the restart.
        using var stop2 = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var pausing = new PodLogFollower(QuickExits(), _time).FollowAsync(Follow, new ListLogger(), stop2.Token);
        await UntilStarts(2);
        await stop2.CancelAsync();
        _time.Advance(TimeSpan.FromMinutes(5));

        (await pausing.WaitAsync(TimeSpan.FromSeconds(10), Ct)).ShouldBe(1);
        Starts.ShouldBe(2);
    }
}
