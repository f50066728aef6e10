using System.Globalization;
using ChaosLab.Experimenter.Analysis;

namespace ChaosLab.Experimenter.Cli;

/// <summary>Checks the arguments of <c>chaoslab analyze</c> and turns them into a request; problems name the option.</summary>
internal static class AnalyzeValidation
{
    private const string Usage = "usage: chaoslab analyze --prometheus <url> (--service <name> [--service <name>…] | --all-services) --from <t> --fault-start <t> --fault-end <t> --to <t> [--clock-offset <duration>] [--step <duration>] [--format json|text]";

    /// <summary>The validated request, or null with <paramref name="problem"/> set.</summary>
    public static AnalyzeInvocation? Validate(AnalyzeArguments a, TimeProvider time, out string problem)
    {
        problem = string.Empty;
        string? Missing(string? value, string name) => string.IsNullOrWhiteSpace(value) ? $"{name} is required" : null;
        var services = a.Services.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var missing = Missing(a.Prometheus, "--prometheus") ?? (services.Count == 0 && !a.AllServices ? "--service is required (or --all-services)" : null)
            ?? Missing(a.From, "--from") ?? Missing(a.FaultStart, "--fault-start") ?? Missing(a.FaultEnd, "--fault-end") ?? Missing(a.To, "--to");
        if (missing is not null)
        {
            problem = $"{missing} ({Usage})";
            return null;
        }

        if (a.AllServices && services.Count > 0)
        {
            problem = "--all-services and --service exclude each other: name services, or ask for all of them";
            return null;
        }

        if (!Uri.TryCreate(a.Prometheus, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"--prometheus must be an http(s) URL, got '{a.Prometheus}'";
            return null;
        }

        var times = new DateTimeOffset[4];
        string[] names = ["--from", "--fault-start", "--fault-end", "--to"];
        string?[] values = [a.From, a.FaultStart, a.FaultEnd, a.To];
        for (var i = 0; i < 4; i++)
        {
            if (!CliValues.TryParseTime(values[i], out times[i]))
            {
                problem = $"{names[i]} must be an RFC 3339 time with offset (2026-01-02T15:04:05Z) or unix seconds, got '{values[i]}'";
                return null;
            }
        }

        var window = new AnalysisWindow(times[0], times[1], times[2], times[3]);
        if (window.Problem() is { } order)
        {
            problem = order;
            return null;
        }

        if (window.To > time.GetUtcNow().AddMinutes(1))
        {
            problem = "--to is in the future: the recovery window must have happened";
            return null;
        }

        var clockOffset = TimeSpan.Zero;
        if (a.ClockOffset is not null && !CliValues.TryParseSignedDuration(a.ClockOffset, out clockOffset))
        {
            problem = $"--clock-offset must be a duration like 2s, -1.5s or 250ms, or seconds (Prometheus's clock minus the clock of the times given), got '{a.ClockOffset}'";
            return null;
        }

        if (!OptionalDuration(a.Step, "--step", "5s, 500ms or 1m", out var step, ref problem) || !OptionalDuration(a.Hold, "--hold", "30s or 1m", out var hold, ref problem))
        {
            return null;
        }

        var format = a.Format ?? "json";
        if (format is not ("json" or "text"))
        {
            problem = $"--format must be json or text, got '{format}'";
            return null;
        }

        var slis = SliOverrides(a, out problem);
        if (slis is null)
        {
            return null;
        }

        var scope = new ServiceScope(a.AllServices ? null : services, string.IsNullOrWhiteSpace(a.Span) ? null : a.Span, string.IsNullOrWhiteSpace(a.SpanKind) ? SliTarget.ServerSpanKind : a.SpanKind);
        var request = new ServicesAnalysisRequest { Scope = scope, Window = window, ClockOffset = clockOffset, Step = step, Hold = hold, Slis = slis };
        return new AnalyzeInvocation(url, request, format == "text", a.AllServices || services.Count > 1);
    }

    private static bool OptionalDuration(string? text, string option, string examples, out TimeSpan? value, ref string problem)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (!CliValues.TryParseDuration(text, out var d))
        {
            problem = $"{option} must be a duration like {examples}, got '{text}'";
            return false;
        }

        value = d;
        return true;
    }

    // --query <sli>=<template> and --band <sli>=<lower>..<upper>: the experiment's overrides of the catalogue.
    private static IReadOnlyList<SliDefinition>? SliOverrides(AnalyzeArguments a, out string problem)
    {
        problem = string.Empty;
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in a.Queries)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == item.Length - 1)
            {
                problem = $"--query must be <sli>=<PromQL template>, got '{item}'";
                return null;
            }

            templates[item[..eq].Trim()] = item[(eq + 1)..];
        }

        var tolerances = new Dictionary<string, ToleranceRule>(StringComparer.Ordinal);
        foreach (var item in a.Bands)
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            var range = eq > 0 ? item[(eq + 1)..].Split("..") : [];
            double? lower = null, upper = null;
            var ok = range.Length == 2 && Bound(range[0], ref lower) && Bound(range[1], ref upper) && (lower is not null || upper is not null) && !(lower > upper);
            if (!ok)
            {
                problem = $"--band must be <sli>=<lower>..<upper> with at least one number (e.g. error_ratio=..0.05), got '{item}'";
                return null;
            }

            tolerances[item[..eq].Trim()] = new ToleranceRule { FixedLower = lower, FixedUpper = upper };
        }

        try
        {
            return SliCatalog.WithOverrides(templates, tolerances);
        }
        catch (ArgumentException ex)
        {
            problem = $"--query/--band: {ex.Message}";
            return null;
        }

        static bool Bound(string text, ref double? value)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return true;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            {
                value = v;
                return true;
            }

            return false;
        }
    }
}
