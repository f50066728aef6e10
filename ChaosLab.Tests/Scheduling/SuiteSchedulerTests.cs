using ChaosLab.Experimenter.Experiments.Model;
using ChaosLab.Experimenter.Scheduling;

namespace ChaosLab.Tests.Scheduling;

public sealed class SuiteSchedulerTests
{
    [Fact]
    public void Next_cron_occurrence_is_computed_in_utc_by_default()
    {
        var now = new DateTimeOffset(2026, 11, 26, 7, 31, 0, TimeSpan.Zero);
        SuiteScheduler.NextOccurrence(new CronSchedule("0 */6 * * *", false, null), now).ShouldBe(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        SuiteScheduler.NextOccurrence(new CronSchedule("30 * * * * *", true, null), now).ShouldBe(now.AddSeconds(30));
    }

    [Fact]
    public void Relative_folders_are_found_above_the_application()
    {
        var located = SchedulerOptions.Locate(Path.Combine("manifests", "crds"));
        Directory.Exists(located).ShouldBeTrue();
    }
}
