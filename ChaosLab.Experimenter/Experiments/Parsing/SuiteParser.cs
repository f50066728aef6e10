using Cronos;
using ChaosLab.Experimenter.Experiments.Model;

namespace ChaosLab.Experimenter.Experiments.Parsing;

/// <summary>
/// Reads a suite (<c>manifests/suites/*.yaml</c>): name, description, schedule (<c>once</c> or
/// <c>{cron, timeZone}</c>), default cooldown and the experiment files in order.
/// </summary>
public static class SuiteParser
{
    /// <summary>True when the mapping looks like a suite (has <c>experiments</c> and no <c>fault</c>).</summary>
    public static bool IsSuite(YamlSourceMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Get("experiments") is not null && root.Get("fault") is null && !ExperimentParser.IsBareManifest(root);
    }

    /// <summary>Parses a suite; errors go to the reader.</summary>
    public static ParsedSuite Parse(YamlSourceMapping root, FieldReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(reader);
        var before = reader.Errors.Count;
        reader.OnlyKeys(root, string.Empty, "name", "description", "schedule", "cooldown", "experiments");
        var name = reader.Text(root, string.Empty, "name", required: true);
        if (name is not null && KubernetesNames.CheckDnsLabel(name) is { } nameError)
        {
            reader.Errors.Add(root.Get("name"), "name", nameError);
        }

        var description = reader.Text(root, string.Empty, "description", required: false, allowEmpty: true) ?? string.Empty;
        var cooldown = root.Get("cooldown") is null ? null : reader.Duration(root, string.Empty, "cooldown", required: false, allowZero: true);
        var schedule = ReadSchedule(root, reader);

        var entries = new List<SuiteEntry>();
        var positions = new List<SourcePosition>();
        var list = reader.List(root, string.Empty, "experiments", required: true, "experiment files");
        if (list is not null)
        {
            if (list.Items.Count == 0)
            {
                reader.Errors.Add(list, "experiments", "a suite needs at least one experiment");
            }

            for (var i = 0; i < list.Items.Count; i++)
            {
                var path = FieldPath.Index("experiments", i);
                var item = list.Items[i];
                string? file;
                TimeSpan? after = null;
                if (item is YamlSourceMapping map)
                {
                    reader.OnlyKeys(map, path, "experiment", "cooldown");
                    file = reader.Text(map, path, "experiment", required: true);
                    after = map.Get("cooldown") is null ? null : reader.Duration(map, path, "cooldown", required: false, allowZero: true);
                }
                else
                {
                    file = reader.StringValue(item, path, required: true);
                }

                if (file is not null)
                {
                    entries.Add(new SuiteEntry(file, after));
                    positions.Add(item.Start);
                }
            }
        }

        if (reader.Errors.Count > before || name is null || schedule is null)
        {
            return new ParsedSuite(null, positions);
        }

        return new ParsedSuite(new Suite(name, description, entries, schedule, cooldown) { Source = source }, positions);
    }

    private static SuiteSchedule? ReadSchedule(YamlSourceMapping root, FieldReader reader)
    {
        var node = root.Get("schedule");
        if (node is null || (node is YamlSourceScalar { Value: "once" }))
        {
            return OnceSchedule.Instance;
        }

        var map = reader.Mapping(node, "schedule", "a schedule: 'once' or {cron, timeZone}");
        if (map is null)
        {
            return null;
        }

        reader.OnlyKeys(map, "schedule", "cron", "timeZone");
        var expression = reader.Text(map, "schedule", "cron", required: true);
        var zone = reader.Text(map, "schedule", "timeZone", required: false);
        if (expression is null)
        {
            return null;
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var withSeconds = fields == 6;
        try
        {
            CronExpression.Parse(expression, withSeconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            reader.Errors.Add(map.Get("cron"), "schedule.cron", $"'{YamlSourceScalar.Shorten(expression)}' is not a cron expression ({ex.Message}); expected 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. \"0 */6 * * *\"");
            return null;
        }

        if (zone is not null)
        {
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById(zone);
            }
            catch (TimeZoneNotFoundException)
            {
                reader.Errors.Add(map.Get("timeZone"), "schedule.timeZone", $"unknown time zone '{YamlSourceScalar.Shorten(zone)}'; expected an IANA id such as UTC or Europe/Berlin");
                return null;
            }
            catch (InvalidTimeZoneException)
            {
                reader.Errors.Add(map.Get("timeZone"), "schedule.timeZone", $"time zone '{YamlSourceScalar.Shorten(zone)}' is invalid on this machine");
                return null;
            }
        }

        return new CronSchedule(expression, withSeconds, zone);
    }
}
