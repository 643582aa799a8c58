using System.Text;
using Flowstate.Core.Json;

namespace Flowstate.Cli.Tests.Support;

/// <summary>
/// Random, mostly-wrong ASL definitions for property tests: every ASL field (and unknown ones) on
/// every state type with values of every JSON type, tricky strings and numbers, nested scopes,
/// transitions to existing, missing and out-of-scope states, duplicate names, raw entries.
/// Deterministic for a seed.
/// </summary>
internal sealed class RandomAsl
{
    private static readonly string[] Types = { "Task", "Pass", "Wait", "Succeed", "Fail", "Choice", "Parallel", "Map", "Teleport" };

    private static readonly string[] StringFields =
    {
        "Comment", "QueryLanguage", "Resource", "SecondsPath", "TimestampPath", "Error", "ErrorPath", "Cause", "CausePath",
        "ItemsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "Label",
        "TimeoutSecondsPath", "HeartbeatSecondsPath", "Timestamp",
    };

    private static readonly string[] PathFields = { "InputPath", "OutputPath", "ResultPath" };

    private static readonly string[] NumberFields = { "Seconds", "TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency", "ToleratedFailureCount", "ToleratedFailurePercentage" };

    private static readonly string[] PayloadFields = { "Parameters", "Arguments", "Result", "ResultSelector", "Output", "Assign", "Items", "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter", "Credentials" };

    private static readonly string[] Resources =
    {
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken", "arn:aws:states:::lambda:invoke.sync",
        "arn:aws:states:::glue:startJobRun.sync", "arn:aws:states:::sns:publish", "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "arn:aws:states:::dynamodb:putItem", "arn:aws:states:::states:startExecution.sync:2", "arn:aws:states:::aws-sdk:s3:getObject",
        "arn:aws:states:::aws-sdk:glue:startCrawler", "arn:aws:states:::http:invoke", "arn:aws:states:::events:putEvents",
        "arn:aws:states:::aws-sdk:", "arn:aws:states:::", "${Placeholder}",
    };

    private static readonly string[] PayloadKeys =
    {
        "FunctionName", "FunctionName.$", "Payload", "Payload.$", "Qualifier", "JobName", "Arguments", "NumberOfWorkers", "TopicArn",
        "Message", "Message.$", "Subject.$", "QueueUrl", "MessageBody", "TableName", "Item", "Key", "ConsistentRead", "StateMachineArn",
        "Input", "Input.$", "Name", "Name.$", "Entries", "ApiEndpoint", "Method", "Bucket", "other", "other.$",
    };

    private static readonly string[] TrickyStrings =
    {
        "", "plain", "$.a.b", "$$.Execution.Id", "{% $states.input %}", " {% not bare %}", "{%}", "quote \" and \\ backslash",
        "\"\"\"\"", "line\nbreak", "sep\u2028arator", "nul\0", "lone \ud800", "😀", "States.ALL", "Done", "typeof(X)",
    };

    private readonly Random _random;
    private readonly List<string> _names = new();

    public RandomAsl(int seed) => _random = new Random(seed);

    public string Definition()
    {
        var scope = Scope(0, topLevel: true);
        return JsonWriter.Write(scope);
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string StateName()
    {
        if (_names.Count > 0 && Chance(15)) return Pick(_names); // a duplicate name
        var name = Chance(20) ? Pick(TrickyStrings) : Pick(new[] { "Start", "Do it", "Done", "Map", "Task", "QueryLanguage", "Check", "1st", "Überprüfen", "Machine" }) + _random.Next(4);
        _names.Add(name);
        return name;
    }

    private string Target() => Chance(80) && _names.Count > 0 ? Pick(_names) : "Missing" + _random.Next(3);

    private JsonValue Scope(int depth, bool topLevel = false)
    {
        var members = new List<JsonProperty>();
        var states = new List<JsonProperty>();
        var count = 1 + _random.Next(depth == 0 ? 6 : 3);
        for (var i = 0; i < count; i++)
        {
            var name = StateName();
            states.Add(new JsonProperty(name, Chance(5) ? Json(2) : State(depth)));
        }
        if (!Chance(5)) members.Add(new JsonProperty("StartAt", JsonValue.String(Chance(85) ? states[_random.Next(states.Count)].Name : Target())));
        if (Chance(10)) members.Add(new JsonProperty("Comment", JsonValue.String(Pick(TrickyStrings))));
        if (!topLevel && Chance(10)) members.Add(new JsonProperty("ProcessorConfig", Chance(70) ? ProcessorConfig() : Json(1)));
        if (Chance(5)) members.Add(new JsonProperty("Unknown", Json(1)));
        if (topLevel && Chance(20)) members.Add(new JsonProperty("TimeoutSeconds", Number()));
        if (topLevel && Chance(20)) members.Add(new JsonProperty("QueryLanguage", JsonValue.String(Pick(new[] { "JSONata", "JSONPath", "jsonata" }))));
        if (topLevel && Chance(10)) members.Add(new JsonProperty("Version", JsonValue.String("1.0")));
        if (!Chance(3)) members.Add(new JsonProperty("States", JsonValue.Object(states)));
        return JsonValue.Object(Shuffle(members));
    }

    private JsonValue ProcessorConfig()
    {
        var members = new List<JsonProperty>();
        if (Chance(70)) members.Add(new JsonProperty("Mode", JsonValue.String(Pick(new[] { "INLINE", "DISTRIBUTED", "inline" }))));
        if (Chance(40)) members.Add(new JsonProperty("ExecutionType", JsonValue.String(Pick(new[] { "STANDARD", "EXPRESS" }))));
        return JsonValue.Object(members);
    }

    private JsonValue State(int depth)
    {
        var type = Pick(Types);
        var members = new List<JsonProperty>();
        if (!Chance(3)) members.Add(new JsonProperty("Type", Chance(97) ? JsonValue.String(type) : Json(0)));
        if (type == "Task" && !Chance(5)) members.Add(new JsonProperty("Resource", JsonValue.String(Pick(Resources))));
        if (type is "Task" && Chance(70)) members.Add(new JsonProperty(Chance(70) ? "Parameters" : "Arguments", Payload()));
        if (Chance(60)) members.Add(new JsonProperty("Next", Chance(95) ? JsonValue.String(Target()) : Json(0)));
        if (Chance(40)) members.Add(new JsonProperty("End", Chance(90) ? JsonValue.Boolean(Chance(50)) : Json(0)));
        foreach (var field in StringFields) if (Chance(6)) members.Add(new JsonProperty(field, Chance(90) ? JsonValue.String(Pick(TrickyStrings)) : Json(1)));
        foreach (var field in PathFields) if (Chance(10)) members.Add(new JsonProperty(field, Chance(50) ? JsonValue.String("$.x") : Chance(70) ? JsonValue.Null : Json(1)));
        foreach (var field in NumberFields) if (Chance(8)) members.Add(new JsonProperty(field, Chance(80) ? Number() : JsonValue.String(Pick(TrickyStrings))));
        foreach (var field in PayloadFields) if (Chance(6)) members.Add(new JsonProperty(field, Json(2)));
        if (Chance(type is "Task" or "Parallel" or "Map" ? 40 : 5)) members.Add(new JsonProperty("Retry", Retriers()));
        if (Chance(type is "Task" or "Parallel" or "Map" ? 40 : 5)) members.Add(new JsonProperty("Catch", Catchers()));
        if (type == "Choice" ? !Chance(5) : Chance(5)) members.Add(new JsonProperty("Choices", JsonValue.Array(Enumerable.Range(0, _random.Next(4)).Select(_ => Rule(0)))));
        if (Chance(type == "Choice" ? 60 : 5)) members.Add(new JsonProperty("Default", JsonValue.String(Target())));
        if (depth < 2 && (type == "Parallel" ? !Chance(5) : Chance(3)))
            members.Add(new JsonProperty("Branches", JsonValue.Array(Enumerable.Range(0, _random.Next(3)).Select(_ => Scope(depth + 1)))));
        if (depth < 2 && (type == "Map" ? !Chance(5) : Chance(3)))
            members.Add(new JsonProperty(Chance(80) ? "ItemProcessor" : "Iterator", Scope(depth + 1)));
        if (Chance(5)) members.Add(new JsonProperty("Unknown field", Json(2)));
        if (Chance(3) && members.Count > 0) members.Add(members[_random.Next(members.Count)]); // a key written twice
        return JsonValue.Object(Shuffle(members));
    }

    private JsonValue Payload()
    {
        if (Chance(10)) return Json(2);
        var members = new List<JsonProperty>();
        var count = _random.Next(5);
        for (var i = 0; i < count; i++)
        {
            var key = Pick(PayloadKeys);
            var value = key.EndsWith(".$", StringComparison.Ordinal) ? (Chance(90) ? JsonValue.String("$.p") : Json(0))
                : Chance(40) ? JsonValue.String(Pick(TrickyStrings)) : Chance(30) ? Number() : Json(1);
            members.Add(new JsonProperty(key, value));
        }
        return JsonValue.Object(members);
    }

    private JsonValue Retriers() => JsonValue.Array(Enumerable.Range(0, _random.Next(3)).Select(_ =>
    {
        var m = new List<JsonProperty>();
        if (!Chance(5)) m.Add(new JsonProperty("ErrorEquals", JsonValue.Array(Enumerable.Range(0, _random.Next(3)).Select(_ => JsonValue.String(Pick(new[] { "States.ALL", "States.Timeout", "Lambda.ServiceException", "Custom" }))))));
        foreach (var f in new[] { "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds" }) if (Chance(30)) m.Add(new JsonProperty(f, Chance(90) ? Number() : JsonValue.String("{% 1 %}")));
        if (Chance(20)) m.Add(new JsonProperty("JitterStrategy", JsonValue.String(Pick(new[] { "FULL", "NONE", "HALF" }))));
        if (Chance(20)) m.Add(new JsonProperty("Comment", JsonValue.String(Pick(TrickyStrings))));
        if (Chance(5)) m.Add(new JsonProperty("Extra", Json(0)));
        return JsonValue.Object(Shuffle(m));
    }));

    private JsonValue Catchers() => JsonValue.Array(Enumerable.Range(0, _random.Next(3)).Select(_ =>
    {
        var m = new List<JsonProperty>();
        if (!Chance(5)) m.Add(new JsonProperty("ErrorEquals", JsonValue.Array(new[] { JsonValue.String(Pick(new[] { "States.ALL", "Custom.Error" })) })));
        if (Chance(90)) m.Add(new JsonProperty("Next", JsonValue.String(Target())));
        if (Chance(30)) m.Add(new JsonProperty("ResultPath", Chance(70) ? JsonValue.String("$.error") : JsonValue.Null));
        if (Chance(10)) m.Add(new JsonProperty("Output", Json(1)));
        if (Chance(10)) m.Add(new JsonProperty("Assign", Json(1)));
        if (Chance(10)) m.Add(new JsonProperty("Comment", JsonValue.String(Pick(TrickyStrings))));
        if (Chance(5)) m.Add(new JsonProperty("Extra", Json(0)));
        return JsonValue.Object(Shuffle(m));
    }));

    private JsonValue Rule(int depth)
    {
        var m = new List<JsonProperty>();
        var kind = _random.Next(depth < 2 ? 5 : 2);
        switch (kind)
        {
            case 0:
            case 1:
                m.Add(new JsonProperty("Variable", JsonValue.String(Pick(new[] { "$.a", "$.b.c", "$['x y']", "$$.Execution.Input", "$var.field" }))));
                var op = Pick(new[] { "StringEquals", "NumericGreaterThan", "BooleanEquals", "IsPresent", "StringMatches", "TimestampLessThanPath", "NumericEqualsPath" });
                JsonValue operand = op switch
                {
                    "StringEquals" or "StringMatches" => JsonValue.String(Pick(TrickyStrings)),
                    "NumericGreaterThan" => Number(),
                    "BooleanEquals" or "IsPresent" => JsonValue.Boolean(Chance(50)),
                    _ => JsonValue.String("$.other"),
                };
                if (Chance(5)) operand = Json(0);
                m.Add(new JsonProperty(op, operand));
                break;
            case 2:
                m.Add(new JsonProperty("And", JsonValue.Array(Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Rule(depth + 1)))));
                break;
            case 3:
                m.Add(new JsonProperty("Or", JsonValue.Array(Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Rule(depth + 1)))));
                break;
            default:
                m.Add(new JsonProperty("Not", Rule(depth + 1)));
                break;
        }
        if (depth == 0 ? Chance(90) : Chance(3)) m.Add(new JsonProperty("Next", JsonValue.String(Target())));
        if (Chance(10)) m.Add(new JsonProperty("Comment", JsonValue.String(Pick(TrickyStrings))));
        if (depth == 0 && Chance(5)) m.Add(new JsonProperty("Condition", JsonValue.String("{% $states.input.a > 1 %}")));
        if (Chance(3)) m.Add(new JsonProperty("Extra", Json(0)));
        return JsonValue.Object(Shuffle(m));
    }

    private JsonValue Number() => JsonValue.Number(Pick(new[] { "0", "1", "-3", "2.0", "1.5", "100", "2147483647", "2147483648", "1e3", "0.1", "0.10000000000000001", "1e400", "99999999999999999999" }));

    private JsonValue Json(int depth)
    {
        var kind = _random.Next(depth <= 0 ? 5 : 7);
        return kind switch
        {
            0 => JsonValue.Null,
            1 => JsonValue.Boolean(Chance(50)),
            2 => Number(),
            3 or 4 => JsonValue.String(Pick(TrickyStrings)),
            5 => JsonValue.Array(Enumerable.Range(0, _random.Next(3)).Select(_ => Json(depth - 1))),
            _ => JsonValue.Object(Enumerable.Range(0, _random.Next(4)).Select(_ => new JsonProperty(Pick(PayloadKeys.Concat(TrickyStrings).ToArray()), Json(depth - 1)))),
        };
    }

    private List<JsonProperty> Shuffle(List<JsonProperty> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
