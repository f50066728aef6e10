using System.Text.Json.Nodes;
using ChaosLab.Experimenter.Experiments.Parsing;

namespace ChaosLab.Experimenter.Experiments.Validation.Webhook;

/// <summary>JVMChaos: what each action needs, as the 2.8.3 webhook's <c>JVMChaosSpec.Validate</c> requires.</summary>
internal static class JvmChaosRules
{
    public static void Check(JsonObject spec, string p, List<SchemaIssue> issues)
    {
        var action = WebhookFields.Text(spec["action"]);
        void Need(string field, string what)
        {
            if (WebhookFields.Text(spec[field]) is not { Length: > 0 })
            {
                issues.Add(new(FieldPath.Child(p, field), $"action '{action}' needs {field} ({what})"));
            }
        }

        bool Positive(string field) => JsonNumbers.TryGetInteger(spec[field], out var n) && n != 0;

        switch (action)
        {
            case "stress":
                var cpu = Positive("cpuCount");
                var mem = WebhookFields.Text(spec["memType"]) is { Length: > 0 };
                if (!cpu && !mem)
                {
                    issues.Add(new(p, "action 'stress' needs one of cpuCount (threads to keep busy) or memType (stack or heap)"));
                }
                else if (cpu && mem)
                {
                    issues.Add(new(p, "action 'stress' takes cpuCount or memType, not both (Chaos Mesh 2.8.3 cannot stress CPU and memory at once)"));
                }

                if (WebhookFields.Text(spec["memType"]) is { Length: > 0 } memType && memType is not ("stack" or "heap"))
                {
                    issues.Add(new(FieldPath.Child(p, "memType"), $"'{YamlSourceScalar.Shorten(memType)}' is not a memory type; expected stack or heap"));
                }

                break;
            case "exception" or "return" or "latency":
                Need("class", "the Java class, e.g. com.example.AdService");
                Need("method", "the method of that class");
                if (action == "exception")
                {
                    Need("exception", "the exception to throw, e.g. java.io.IOException(\"BOOM\")");
                }
                else if (action == "return")
                {
                    Need("returnValue", "the value to return");
                }
                else if (!Positive("latency"))
                {
                    issues.Add(new(FieldPath.Child(p, "latency"), "action 'latency' needs latency (milliseconds, > 0)"));
                }

                break;
            case "ruleData":
                Need("ruleData", "the Byteman rule text");
                break;
            case "mysql":
                var version = WebhookFields.Text(spec["mysqlConnectorVersion"]);
                if (version is not { Length: > 0 })
                {
                    issues.Add(new(FieldPath.Child(p, "mysqlConnectorVersion"), "action 'mysql' needs mysqlConnectorVersion: \"5\" or \"8\""));
                }
                else if (version is not ("5" or "8"))
                {
                    issues.Add(new(FieldPath.Child(p, "mysqlConnectorVersion"), $"'{YamlSourceScalar.Shorten(version)}' is not supported; expected \"5\" (5.x.x) or \"8\" (8.x.x)"));
                }

                if (WebhookFields.Text(spec["exception"]) is not { Length: > 0 } && !Positive("latency"))
                {
                    issues.Add(new(p, "action 'mysql' needs one of exception or latency"));
                }

                break;
        }

        // "gc" needs nothing; a missing or unknown action is the CRD schema's enum to report.
    }
}
