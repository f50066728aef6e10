using System.Text.Json.Nodes;

namespace ChaosLab.Tests.Fakes.Kubernetes;

/// <summary>Kubernetes label-selector matching: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>.</summary>
public static class LabelSelector
{
    /// <summary>True when the labels satisfy every requirement of the selector (empty selector matches all).</summary>
    public static bool Matches(string? selector, JsonObject? labels)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return true;
        }

        foreach (var requirement in Split(selector))
        {
            if (!MatchesOne(requirement.Trim(), labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every key/value of <paramref name="matchLabels"/> is present in <paramref name="labels"/>.</summary>
    public static bool MatchesAll(JsonObject? matchLabels, JsonObject? labels) =>
        matchLabels is null || matchLabels.All(kv => Label(labels, kv.Key) == kv.Value?.GetValue<string>());

    private static bool MatchesOne(string requirement, JsonObject? labels)
    {
        if (requirement.Contains(" notin ", StringComparison.Ordinal))
        {
            var (key, values) = SetRequirement(requirement, " notin ");
            return !values.Contains(Label(labels, key));
        }

        if (requirement.Contains(" in ", StringComparison.Ordinal))
        {
            var (key, values) = SetRequirement(requirement, " in ");
            return values.Contains(Label(labels, key));
        }

        if (requirement.Contains("!=", StringComparison.Ordinal))
        {
            var parts = requirement.Split("!=", 2);
            return Label(labels, parts[0].Trim()) != parts[1].Trim();
        }

        if (requirement.Contains('=', StringComparison.Ordinal))
        {
            var parts = requirement.Replace("==", "=", StringComparison.Ordinal).Split('=', 2);
            return Label(labels, parts[0].Trim()) == parts[1].Trim();
        }

        return requirement.StartsWith('!')
            ? Label(labels, requirement[1..]) is null
            : Label(labels, requirement) is not null;
    }

    private static (string Key, HashSet<string?> Values) SetRequirement(string requirement, string op)
    {
        var parts = requirement.Split(op, 2);
        var values = parts[1].Trim().TrimStart('(').TrimEnd(')').Split(',').Select(v => (string?)v.Trim()).ToHashSet();
        return (parts[0].Trim(), values);
    }

    private static string? Label(JsonObject? labels, string key) =>
        labels is not null && labels.TryGetPropertyValue(key, out var value) ? value?.GetValue<string>() : null;

    // Splits on commas that are not inside parentheses.
    private static IEnumerable<string> Split(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}
