using System.Collections.Concurrent;
using ChaosLab.Experimenter.Experiments.Validation;
using ChaosLab.Experimenter.Running;
using ChaosLab.Experimenter.Scheduling;
using ChaosLab.Experimenter.Worker;
using ChaosLab.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChaosLab.Tests.Scheduling;

/// <summary>The halt switch: until resumed by default, for <c>Lab:Experimenter:HaltHold</c> when set; a
/// scheduled (cron) suite does not fire while the worker is halted.</summary>
public sealed class WorkerHaltTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 2, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void By_default_a_halt_lasts_until_resumed()
    {
        var time = new FakeTimeProvider(Start);
        using var halt = new WorkerHalt(new SchedulerOptions(), time);

        var status = halt.Begin("POST /api/abort");
        time.Advance(TimeSpan.FromDays(30));

        halt.Current.ShouldBe(status);
        status.Until.ShouldBeNull();
        status.Message.ShouldBe("the worker is halted since 2026-01-02T10:00:00.0000000+00:00 (POST /api/abort): no run starts until it is resumed with POST /api/resume (dashboard: experimenter → Resume runs)");
        halt.Resume().ShouldBe(status);
        halt.Current.ShouldBeNull();
        halt.Resume().ShouldBeNull();
    }

    [Fact]
    public void A_configured_hold_lifts_the_halt_by_itself_and_says_when()
    {
        var time = new FakeTimeProvider(Start);
        using var halt = new WorkerHalt(new SchedulerOptions { HaltHold = TimeSpan.FromMinutes(10) }, time);

        var status = halt.Begin("POST /api/abort");
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var before = halt.Current;
        time.Advance(TimeSpan.FromSeconds(1));

        before.ShouldBe(status);
        status.Message.ShouldEndWith(" or the hold ends at 2026-01-02T10:10:00.0000000+00:00");
        halt.Current.ShouldBeNull();
    }

    [Fact]
    public void A_second_abort_keeps_the_first_halts_time_and_cancels_only_work_admitted_before_it()
    {
        var time = new FakeTimeProvider(Start);
        using var halt = new WorkerHalt(new SchedulerOptions(), time);
        var admittedFirst = halt.Token;

        var first = halt.Begin("POST /api/abort");
        halt.CancelAdmitted();
        var admittedLater = halt.Token;
        time.Advance(TimeSpan.FromMinutes(1));
        var second = halt.Begin("POST /api/abort");

        second.Since.ShouldBe(first.Since);
        admittedFirst.IsCancellationRequested.ShouldBeTrue();
        admittedLater.IsCancellationRequested.ShouldBeFalse();
    }

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("00:01:30", 90)]
    public void The_hold_is_read_from_configuration(string value, int seconds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("Lab:Experimenter:HaltHold", value)]).Build();

        SchedulerOptions.From(configuration).HaltHold.ShouldBe(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task A_cron_suite_does_not_fire_while_the_worker_is_halted_and_fires_again_after_resume()
    {
        var folder = Directory.CreateTempSubdirectory("chaoslab-cron-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "catalog-kill.yaml"), SampleExperiments.PodKill("catalog-kill", "product-catalog"), Ct);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "hourly.yaml"), """
                name: hourly
                description: every hour
                schedule:
                  cron: "0 * * * *"
                experiments:
                  - catalog-kill.yaml
                """, Ct);
            var time = new FakeTimeProvider(Start.AddMinutes(30));
            var options = new SchedulerOptions { Mode = "suite", DefaultSuite = "hourly", ExperimentsPath = folder.FullName, SuitesPath = folder.FullName };
            using var halt = new WorkerHalt(options, time);
            var ledger = new RunLedger(options, halt, time);
            // A start-up cleanup that never finishes: runs the suite queues stay queued, nothing runs.
            var cleanup = new StartupCleanup(ct => Task.Delay(Timeout.InfiniteTimeSpan, ct).ContinueWith(_ => new CleanReport(), TaskScheduler.Default), options with { CleanOnStart = true, CleanOnStartAttemptTimeout = TimeSpan.FromDays(1) }, time, NullLogger<StartupCleanup>.Instance);
            var log = new ListLogger<RunCoordinator>();
            await using var services = new ServiceCollection().BuildServiceProvider();
            await using var coordinator = new RunCoordinator(services, ledger, halt, cleanup, new ActiveRuns(), time, log);
            using var scheduler = new SuiteScheduler(options, new ExperimentCatalog(options, new ExperimentFileValidator()), coordinator, time, NullLogger<SuiteScheduler>.Instance);
            halt.Begin("POST /api/abort");
            await scheduler.StartAsync(Ct);

            // 11:00 falls while halted: skipped, with the reason in the log.
            await AdvanceUntilAsync(time, () => log.Messages.Any(m => m.StartsWith("Scheduled suite hourly not started: the worker is halted since", StringComparison.Ordinal)));
            ledger.Recent.ShouldBeEmpty();

            // Resumed: 12:00 fires.
            halt.Resume();
            await AdvanceUntilAsync(time, () => ledger.Recent.Count > 0);
            ledger.Recent.ShouldHaveSingleItem().Suite.ShouldBe("hourly");
            time.GetUtcNow().ShouldBe(Start.AddHours(2));
            await scheduler.StopAsync(Ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Moves the fake clock ten minutes at a time (at most three hours) until <paramref name="done"/>.</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done)
    {
        for (var step = 0; step < 18 && !done(); step++)
        {
            // Let the scheduler's loop reach its next wait before the clock moves on.
            for (var spin = 0; spin < 40 && !done(); spin++)
            {
                await Task.Delay(5, Ct);
            }

            if (!done())
            {
                time.Advance(TimeSpan.FromMinutes(10));
            }
        }

        done().ShouldBeTrue();
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
