namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// Pure analysis of one SLI's values over one experiment window (no I/O): baseline, tolerance band, peak,
/// time-to-detect, time-to-recover and the before/during/after comparison. Each value is placed on the time line at
/// its evaluation time minus <see cref="AnalysisTiming.AttributionLag"/> and covers ± half a sampling interval.
/// The baseline ends one guard interval (<see cref="AnalysisTiming.Guard"/>) before the fault start: a value that
/// describes time in the guard is neither baseline nor fault, so a few seconds of clock or scrape offset cannot leak
/// the fault's first effect into its own baseline. A detection must begin by the fault end plus the hold period (later
/// excursions are not attributed to the fault).
/// </summary>
public static class SliAnalyzer
{
    /// <summary>Values with data the baseline needs before a verdict is possible.</summary>
    public const int MinBaselineSamples = 5;

    private enum State
    {
        NoData,
        Inside,
        Outside,
    }

    /// <summary>Analyses <paramref name="points"/> (any order; NaN = no data) of <paramref name="sli"/>.</summary>
    public static SliAnalysis Analyze(SliDefinition sli, IReadOnlyList<SliPoint> points, AnalysisWindow window, AnalysisTiming timing)
    {
        ArgumentNullException.ThrowIfNull(sli);
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(timing);

        var half = timing.SamplingInterval / 2;
        var slack = TimeSpan.FromMilliseconds(1);
        var timeline = points
            .Select(p => (At: p.Time - timing.AttributionLag, p.Value))
            .Where(p => p.At - half >= window.From - slack && p.At <= window.To)
            .OrderBy(p => p.At)
            .ToArray();

        var baselineEnd = window.FaultStart - timing.Guard;
        bool IsBaseline(DateTimeOffset at) => at + half <= baselineEnd + slack;
        bool IsGuard(DateTimeOffset at) => !IsBaseline(at) && at + half <= window.FaultStart + slack;
        bool IsAfter(DateTimeOffset at) => at - half >= window.FaultEnd - slack;

        var baseline = timeline.Where(p => IsBaseline(p.At) && !double.IsNaN(p.Value)).Select(p => p.Value).ToArray();
        var during = timeline.Where(p => !IsBaseline(p.At) && !IsGuard(p.At) && !IsAfter(p.At) && !double.IsNaN(p.Value)).ToArray();
        var after = timeline.Where(p => IsAfter(p.At) && !double.IsNaN(p.Value)).Select(p => p.Value).ToArray();
        var noData = timeline.Count(p => double.IsNaN(p.Value));

        if (baseline.Length < MinBaselineSamples)
        {
            var what = sli.NeedsTraffic ? "values with traffic" : "values";
            return new SliAnalysis
            {
                Sli = sli,
                Inconclusive = $"{sli.Name}: only {baseline.Length} {what} in the baseline (need {MinBaselineSamples})",
                BaselineCount = baseline.Length,
                DuringCount = during.Length,
                AfterCount = after.Length,
                NoTrafficCount = noData,
            };
        }

        var summary = ToleranceBands.Summarize(baseline);
        var median = summary.Median;
        var band = ToleranceBands.For(sli, summary);
        var raw = timeline.Select(p => double.IsNaN(p.Value) ? State.NoData : band.Contains(p.Value) ? State.Inside : State.Outside).ToArray();
        var baselineOutside = baseline.Count(v => !band.Contains(v));
        // A change that begins after the fault is over (and the hold period after it) is not attributed to the fault.
        var latestOnset = window.FaultEnd + timing.Hold;
        var judged = timeline.Count(p => !double.IsNaN(p.Value) && p.At + half > window.FaultStart + slack && p.At - half <= latestOnset);
        var confirm = DetectionConfirmation.Samples(baselineOutside, baseline.Length, judged);
        var states = Confirmed(raw, confirm);

        // A change happened somewhere between the last value on one side and the first on the other: report the
        // middle of that span. Values describe intervals [at − Δ/2, at + Δ/2] spaced one step apart.
        var halfStep = timing.Step / 2;
        var detectedAt = Detect(timeline, states, window, half, half - halfStep, latestOnset);
        var recoveredAt = Recover(timeline, states, window, half, timing.Hold, -half - halfStep);

        return new SliAnalysis
        {
            Sli = sli,
            Baseline = summary,
            Band = band,
            BaselineOutside = baselineOutside,
            ConfirmSamples = confirm,
            Peak = Peak(sli, during, median),
            DetectedAt = detectedAt,
            TimeToDetect = detectedAt - window.FaultStart,
            RecoveredAt = recoveredAt,
            TimeToRecover = recoveredAt - window.FaultEnd,
            Recovered = recoveredAt is not null,
            BaselineCount = baseline.Length,
            DuringCount = during.Length,
            AfterCount = after.Length,
            NoTrafficCount = noData,
            During = Compare("during", baseline, [.. during.Select(p => p.Value)], median, MinRelevantChange(band)),
            After = Compare("after", baseline, after, median, MinRelevantChange(band)),
        };
    }

    /// <summary>The band for <paramref name="sli"/> around <paramref name="baseline"/> (see <see cref="ToleranceBands"/>).</summary>
    public static ToleranceBand Band(SliDefinition sli, BaselineSummary baseline) => ToleranceBands.For(sli, baseline);

    // Out-of-band values count only in runs of at least k (runs of values not inside the band, no data allowed in
    // between; a run still open at the end of the data cannot be refuted and counts): shorter runs are noise.
    private static State[] Confirmed(State[] raw, int k)
    {
        var states = (State[])raw.Clone();
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] == State.Inside)
            {
                i++;
                continue;
            }

            var end = i;
            while (end + 1 < raw.Length && raw[end + 1] != State.Inside)
            {
                end++;
            }

            var outside = 0;
            for (var j = i; j <= end; j++)
            {
                outside += raw[j] == State.Outside ? 1 : 0;
            }

            if (outside < k && end < raw.Length - 1)
            {
                for (var j = i; j <= end; j++)
                {
                    states[j] = raw[j] == State.Outside ? State.NoData : raw[j];
                }
            }

            i = end + 1;
        }

        return states;
    }

    private static DateTimeOffset? Detect((DateTimeOffset At, double Value)[] timeline, State[] states, AnalysisWindow window, TimeSpan half, TimeSpan shift, DateTimeOffset latestOnset)
    {
        for (var i = 0; i < timeline.Length; i++)
        {
            if (timeline[i].At + half <= window.FaultStart || states[i] != State.Outside)
            {
                continue;
            }

            // States are confirmed (see Confirmed): one noisy value is not a fault.
            var onset = Max(window.FaultStart, timeline[i].At + shift);
            return onset <= latestOnset ? onset : null;
        }

        return null;
    }

    private static DateTimeOffset? Recover((DateTimeOffset At, double Value)[] timeline, State[] states, AnalysisWindow window, TimeSpan half, TimeSpan hold, TimeSpan shift)
    {
        // Blocks of consecutive values that are not outside the band; a block recovers the SLI when it starts with
        // (or contains) an inside value and lasts for the hold period after max(fault end, its first inside value).
        var i = 0;
        while (i < timeline.Length)
        {
            if (states[i] == State.Outside)
            {
                i++;
                continue;
            }

            var end = i;
            while (end + 1 < timeline.Length && states[end + 1] != State.Outside)
            {
                end++;
            }

            var blockEndsAfterFault = timeline[end].At + half > window.FaultEnd;
            var firstInside = Enumerable.Range(i, end - i + 1).Cast<int?>().FirstOrDefault(k => states[k!.Value] == State.Inside);
            if (blockEndsAfterFault && firstInside is { } f)
            {
                var recoveredAt = Max(window.FaultEnd, timeline[f].At + shift);
                var coveredUntil = timeline[end].At + half;
                if (coveredUntil - recoveredAt >= hold)
                {
                    return recoveredAt;
                }
            }

            i = end + 1;
        }

        return null;
    }

    private static PeakSummary? Peak(SliDefinition sli, (DateTimeOffset At, double Value)[] during, double median)
    {
        if (during.Length == 0)
        {
            return null;
        }

        var worst = sli.Direction switch
        {
            SliDirection.HigherIsWorse => during.MaxBy(p => p.Value),
            SliDirection.LowerIsWorse => during.MinBy(p => p.Value),
            _ => during.MaxBy(p => Math.Abs(p.Value - median)),
        };
        var deviation = worst.Value - median;
        return new PeakSummary(worst.Value, worst.At, deviation, median == 0 ? null : deviation / Math.Abs(median));
    }

    private static PhaseComparison Compare(string phase, double[] baseline, double[] values, double baselineMedian, double minRelevantChange)
    {
        var median = RobustStatistics.Median(values);
        var change = median - baselineMedian;
        var test = MannWhitneyU.Test(baseline, values);
        var significant = test is { PValue: < PhaseComparison.Alpha } && !(Math.Abs(change) < minRelevantChange);
        return new PhaseComparison(phase, values.Length, median, change, test, significant);
    }

    // A tenth of the band's half-width: smaller median changes are not called significant, however small p is.
    private static double MinRelevantChange(ToleranceBand band)
    {
        var half = band.HalfWidth
            ?? new[] { band.Center is { } c && band.Upper is { } u ? u - c : (double?)null, band.Center is { } c2 && band.Lower is { } l ? c2 - l : null }
                .Where(x => x is > 0).Select(x => x!.Value).DefaultIfEmpty(0).Min();
        return PhaseComparison.MinRelevantFraction * half;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
