using System.Text.RegularExpressions;

namespace ChaosLab.Experimenter.Analysis;

/// <summary>
/// The offline check of an SLI's PromQL template (not a PromQL parser: Prometheus itself judges the query at run time).
/// It checks that the template is not empty, uses <c>$selector</c> (so it measures the service under test), uses no
/// placeholder other than <c>$selector</c>, <c>$window</c>, <c>$interval</c>, <c>$seconds</c>, closes its quotes, and
/// balances <c>()</c>, <c>[]</c> and <c>{}</c> outside quotes.
/// </summary>
public static partial class SliQuerySyntax
{
    private static readonly string[] Placeholders = ["selector", "window", "interval", "seconds"];

    /// <summary>The first problem with <paramref name="template"/>, or null.</summary>
    public static string? Problem(string template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return "the query is empty";
        }

        foreach (Match m in Placeholder().Matches(template))
        {
            if (!Placeholders.Contains(m.Groups[1].Value, StringComparer.Ordinal))
            {
                return $"unknown placeholder '${m.Groups[1].Value}' (known: $selector, $window, $interval, $seconds)";
            }
        }

        if (!template.Contains("$selector", StringComparison.Ordinal))
        {
            return "the query must use $selector (the service's label matchers), e.g. sum by (service_name) (rate(my_metric{$selector}[$window]))";
        }

        var open = new Stack<(char Close, int At)>();
        char? quote = null;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (quote is { } q)
            {
                if (c == '\\' && q != '`')
                {
                    i++;
                }
                else if (c == q)
                {
                    quote = null;
                }

                continue;
            }

            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    break;
                case '(':
                    open.Push((')', i));
                    break;
                case '[':
                    open.Push((']', i));
                    break;
                case '{':
                    open.Push(('}', i));
                    break;
                case ')' or ']' or '}':
                    if (open.Count == 0 || open.Pop().Close != c)
                    {
                        return $"unbalanced '{c}' at character {i + 1}";
                    }

                    break;
            }
        }

        return quote is { } unclosed ? $"unclosed {unclosed} quote"
            : open.Count > 0 ? $"unclosed '{template[open.Peek().At]}' at character {open.Peek().At + 1}"
            : null;
    }

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Placeholder();
}
