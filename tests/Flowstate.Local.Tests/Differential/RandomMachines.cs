using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;

namespace Flowstate.Local.Tests.Differential;

/// <summary>One step of a generated machine: its kind and four knobs that pick its variant.</summary>
internal sealed record StepPlan(int Kind, int A, int B, int C, int D);

/// <summary>The execution input's knobs.</summary>
internal sealed record InputPlan(int Num, int Str, bool Flag, bool HasObj, int[] Items, bool ObjectItems, int Missing);

/// <summary>A generated case: the steps of the main chain, how it ends, and the input.</summary>
internal sealed record CasePlan(StepPlan[] Steps, int End, InputPlan Input);

/// <summary>
/// Random machines for the differential tests (CsCheck generates the plans; <see cref="Build"/> turns
/// a plan into ASL, an input and task mocks). A machine is a chain of 1-7 steps of every state type
/// (Pass with Result / Parameters / intrinsics, Task with Retry, Catch, ResultSelector, ResultPath
/// and mocked failures, Choice with every kind of rule, Wait, Parallel with a failing branch, Map with
/// ItemSelector and MaxConcurrency) ending in Succeed, Fail or an End Pass, plus the Fail /
/// Recovered / Done states its Choices and Catches jump to. Choices only jump forward, so every
/// execution ends. Left out on purpose: States.UUID / MathRandom (random by definition),
/// $$.State / $$.Task.Token (aws-local-stepfunctions has no such context; see the allow-list),
/// variables (Assign: not in aws-local-stepfunctions 3.0.0), timestamps (the tools' clocks differ).
/// </summary>
internal static class RandomMachines
{
    public static readonly Gen<StepPlan> Step =
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 99], (k, a, b, c, d) => new StepPlan(k, a, b, c, d));

    public static readonly Gen<InputPlan> Input =
        Gen.Select(Gen.Int[-5, 30], Gen.Int[0, 5], Gen.Bool, Gen.Int[0, 9], Gen.Int[0, 3].Array[0, 4], Gen.Bool, Gen.Int[0, 19],
            (num, str, flag, obj, items, objectItems, missing) => new InputPlan(num, str, flag, obj != 0, items, objectItems, missing));

    public static readonly Gen<CasePlan> Case =
        Gen.Select(Step.Array[1, 7], Gen.Int[0, 2], Input, (steps, end, input) => new CasePlan(steps, end, input));

    private static readonly string[] Strings = { "alpha", "beta", "a-b", "", "Alpha", "ab*c" };

    private static readonly string[] Intrinsics =
    {
        "States.Format('{} and {}', $.str, $.num)",
        "States.MathAdd($.num, 5)",
        "States.ArrayLength($.items)",
        "States.JsonMerge($.obj, States.StringToJson('{\"z\":1,\"k\":\"over\"}'), false)",
        "States.JsonToString($.obj)",
        "States.ArrayContains($.items, 1)",
        "States.ArrayUnique(States.Array(1, 2, 2, $.num))",
        "States.Base64Encode($.str)",
        "States.Hash($.str, 'SHA-256')",
        "States.StringSplit($.txt, ',')",
        "States.ArrayRange(1, 9, 2)",
        "States.ArrayPartition(States.ArrayRange(1, 7, 1), 3)",
        "States.ArrayGetItem(States.Array('x', 'y', $.str), 1)",
        "States.Base64Decode('aGVsbG8gd29ybGQ=')",
        "States.MathAdd($.num, -3)",
        "States.Format('literal \\' quote {}', $.flag)",
    };

    private static readonly string[] Choices =
    {
        """{ "Variable": "$.num", "NumericGreaterThan": {B} }""",
        """{ "Variable": "$.str", "StringEquals": "alpha" }""",
        """{ "Variable": "$.flag", "BooleanEquals": true }""",
        """{ "Variable": "$.obj", "IsPresent": true }""",
        """{ "Variable": "$.str", "StringMatches": "a*" }""",
        """{ "And": [ { "Variable": "$.num", "NumericGreaterThanEquals": {B} }, { "Variable": "$.str", "IsString": true } ] }""",
        """{ "Not": { "Variable": "$.str", "StringEquals": "beta" } }""",
        """{ "Variable": "$.num", "NumericEqualsPath": "$.obj.n" }""",
        """{ "Or": [ { "Variable": "$.num", "NumericLessThan": 0 }, { "Variable": "$.items[0]", "IsNumeric": true } ] }""",
        """{ "Variable": "$.str", "StringLessThanEquals": "b" }""",
        """{ "Variable": "$.missing", "IsPresent": false }""",
        """{ "Variable": "$.obj.k", "StringGreaterThanPath": "$.str" }""",
    };

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Builds the case of a plan.</summary>
    public static DiffCase Build(string id, CasePlan plan)
    {
        var states = new JsonObject();
        var mocks = new Dictionary<string, IReadOnlyList<MockStep>>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var n = plan.Steps.Length;
        string Name(int i) => i < n ? $"S{i}" : EndName(plan.End);
        string Use(string name) { used.Add(name); return name; }
        static string EndName(int end) => end switch { 0 => "Done", 1 => "Bad", _ => "Last" };

        for (var i = 0; i < n; i++)
        {
            var s = plan.Steps[i];
            var next = i + 1 < n ? Name(i + 1) : Use(EndName(plan.End));
            JsonObject state;
            switch (s.Kind)
            {
                case 0: // Pass with Result, ResultPath, sometimes InputPath/OutputPath
                    state = new JsonObject { ["Type"] = "Pass", ["Result"] = JsonNode.Parse($$"""{ "r": {{Num(s.A)}}, "list": [1, "two", null] }""") };
                    switch (s.B % 5)
                    {
                        case 0: state["ResultPath"] = $"$.res{i}"; break;
                        case 1: state["ResultPath"] = $"$.obj.deep{i}"; break;
                        case 2: state["ResultPath"] = null; break;
                        case 3: state["InputPath"] = "$.obj"; state["ResultPath"] = "$.inner"; state["OutputPath"] = "$"; break;
                        default: state["ResultPath"] = $"$.res{i}"; state["OutputPath"] = s.C % 2 == 0 ? "$" : $"$.res{i}.list[1]"; break;
                    }
                    break;
                case 1: // Pass with Parameters (paths, context, nested objects)
                    state = new JsonObject
                    {
                        ["Type"] = "Pass",
                        ["Parameters"] = JsonNode.Parse((s.A % 4) switch
                        {
                            0 => $$"""{ "n.$": "$.num", "s.$": "$.str", "const": {{Num(s.B)}} }""",
                            1 => """{ "exec.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Name", "input.$": "$$.Execution.Input.num" }""",
                            2 => """{ "nested": { "first.$": "$.items[0]", "all.$": "$.items[*]", "flag.$": "$.flag" } }""",
                            _ => """{ "slice.$": "$.items[1:3]", "k.$": "$.obj.k", "lit": [ "a", { "b": true } ] }""",
                        }),
                    };
                    // Mostly beside the data; now and then replacing it (later steps then miss their fields).
                    if (s.C % 4 != 0) state["ResultPath"] = $"$.p{i}";
                    break;
                case 2: // Task with mocks, Retry, Catch, ResultSelector, ResultPath
                {
                    state = new JsonObject { ["Type"] = "Task", ["Resource"] = "arn:aws:lambda:us-east-1:123456789012:function:step" };
                    if (s.A % 3 == 0) state["Parameters"] = JsonNode.Parse("""{ "n.$": "$.num", "fixed": "x" }""");
                    if (s.A % 3 == 1) state["ResultSelector"] = JsonNode.Parse("""{ "v.$": "$.value", "second.$": "$.list[1]" }""");
                    state["ResultPath"] = (s.A % 4) switch { 0 => $"$.t{i}", 1 => null, 2 => $"$.obj.t{i}", _ => $"$.t{i}" };
                    if (s.C % 2 == 0)
                        state["Retry"] = JsonNode.Parse($$"""[ { "ErrorEquals": [ "Err.Retryable" ], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": {{Num(s.C % 4)}} } ]""");
                    if (s.D % 3 != 0)
                        state["Catch"] = JsonNode.Parse($$"""[ { "ErrorEquals": [ "{{(s.D % 3 == 1 ? "Err.Fatal" : "States.ALL")}}" ], "ResultPath": "$.caught{{Num(i)}}", "Next": "{{Use("Recovered")}}" } ]""");
                    var ok = MockStep.Ok(JsonNode.Parse($$"""{ "value": {{Num(s.A)}}, "list": [ 1, {{Num(s.B)}} ] }"""));
                    var retryable = MockStep.Fail("Err.Retryable", "try again");
                    mocks[$"S{i}"] = (s.B % 5) switch
                    {
                        0 => new[] { ok },
                        1 => new[] { retryable, ok },
                        2 => new[] { MockStep.Fail("Err.Fatal", "broken for good") },
                        3 => new[] { retryable, retryable, retryable, ok },
                        _ => new[] { MockStep.Fail("Err.Other", "not retried") },
                    };
                    break;
                }
                case 3: // Choice: jumps to the step after next (or Bad); Default (if any) to the next one
                {
                    var target = s.C % 3 == 0 ? Use("Bad") : i + 2 < n ? Name(i + 2) : Use(EndName(plan.End));
                    var rule = JsonNode.Parse(Choices[s.A % Choices.Length].Replace("{B}", Num(s.B % 25), StringComparison.Ordinal))!.AsObject();
                    rule["Next"] = target;
                    state = new JsonObject { ["Type"] = "Choice", ["Choices"] = new JsonArray(rule) };
                    // Mostly a Default; otherwise a second rule that fails to match when $.num is missing (States.NoChoiceMatched).
                    if (s.D % 5 == 0 && i + 1 < n && target != next)
                        state["Choices"]!.AsArray().Add(new JsonObject { ["Variable"] = "$.num", ["IsPresent"] = true, ["Next"] = next });
                    else state["Default"] = next;
                    states[$"S{i}"] = state;
                    continue;
                }
                case 4: // Wait
                    state = new JsonObject { ["Type"] = "Wait" };
                    if (s.A % 3 == 0) state["SecondsPath"] = "$.wait";
                    else state["Seconds"] = s.B % 5;
                    break;
                case 5: // Parallel: two branches; the second fails when B % 4 == 0
                {
                    JsonObject Branch(int j, bool fails)
                    {
                        var b = new JsonObject();
                        var first = $"S{i}b{j}a";
                        b[first] = new JsonObject { ["Type"] = "Pass", ["Parameters"] = JsonNode.Parse($$"""{ "branch": {{Num(j)}}, "n.$": "$.num" }"""), ["Next"] = $"S{i}b{j}z" };
                        if (fails) b[$"S{i}b{j}z"] = new JsonObject { ["Type"] = "Fail", ["Error"] = "Branch.Failed", ["Cause"] = $"branch {j} of S{i}" };
                        else
                        {
                            b[$"S{i}b{j}z"] = new JsonObject { ["Type"] = "Task", ["Resource"] = "arn:aws:lambda:us-east-1:123456789012:function:branch", ["ResultPath"] = "$.task", ["End"] = true };
                            mocks[$"S{i}b{j}z"] = new[] { MockStep.Ok(JsonNode.Parse($$"""{ "from": "branch {{Num(j)}}" }""")) };
                        }
                        return new JsonObject { ["StartAt"] = first, ["States"] = b };
                    }
                    state = new JsonObject { ["Type"] = "Parallel", ["Branches"] = new JsonArray(Branch(0, false), Branch(1, s.B % 4 == 0)) };
                    if (s.A % 2 == 0) state["ResultSelector"] = JsonNode.Parse("""{ "first.$": "$[0]", "count.$": "States.ArrayLength($)" }""");
                    state["ResultPath"] = $"$.par{i}";
                    if (s.D % 2 == 0) state["Catch"] = JsonNode.Parse($$"""[ { "ErrorEquals": [ "Branch.Failed" ], "ResultPath": "$.parError", "Next": "{{Use("Recovered")}}" } ]""");
                    break;
                }
                case 6: // Map over $.items
                {
                    var inner = $"S{i}m";
                    var processor = new JsonObject();
                    if (s.B % 2 == 0)
                        processor[inner] = new JsonObject { ["Type"] = "Pass", ["Parameters"] = JsonNode.Parse("""{ "item.$": "$" }"""), ["End"] = true };
                    else
                    {
                        processor[inner] = new JsonObject { ["Type"] = "Task", ["Resource"] = "arn:aws:lambda:us-east-1:123456789012:function:item", ["ResultPath"] = "$.done", ["End"] = true };
                        mocks[inner] = new[] { MockStep.Ok(JsonValue.Create(true)) };
                    }
                    state = new JsonObject
                    {
                        ["Type"] = "Map",
                        ["ItemsPath"] = "$.items",
                        ["MaxConcurrency"] = s.C % 3,
                        ["ItemProcessor"] = new JsonObject { ["ProcessorConfig"] = new JsonObject { ["Mode"] = "INLINE" }, ["StartAt"] = inner, ["States"] = processor },
                        ["ResultPath"] = $"$.map{i}",
                    };
                    if (s.A % 2 == 0) state["ItemSelector"] = JsonNode.Parse("""{ "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "n.$": "$.num" }""");
                    break;
                }
                default: // Pass with an intrinsic function
                    state = new JsonObject
                    {
                        ["Type"] = "Pass",
                        ["Parameters"] = new JsonObject { ["value.$"] = Intrinsics[s.A % Intrinsics.Length] },
                        ["ResultPath"] = $"$.fn{i}",
                    };
                    break;
            }
            state["Next"] = next;
            states[$"S{i}"] = state;
        }

        // The states the chain, the Choices and the Catches jump to (only those used: AWS rejects unreachable states).
        if (used.Contains("Recovered"))
        {
            states["Recovered"] = new JsonObject { ["Type"] = "Pass", ["Result"] = "recovered", ["ResultPath"] = "$.recovered", ["Next"] = "Done" };
            used.Add("Done");
        }
        if (used.Contains("Last")) states["Last"] = new JsonObject { ["Type"] = "Pass", ["Parameters"] = JsonNode.Parse("""{ "ended.$": "$.num" }"""), ["End"] = true };
        if (used.Contains("Bad")) states["Bad"] = new JsonObject { ["Type"] = "Fail", ["Error"] = "Plan.Failed", ["Cause"] = "the plan said so" };
        if (used.Contains("Done")) states["Done"] = new JsonObject { ["Type"] = "Succeed" };

        var definition = new JsonObject { ["StartAt"] = "S0", ["States"] = states };
        return new DiffCase(id, definition, BuildInput(plan.Input), mocks);
    }

    private static JsonObject BuildInput(InputPlan p)
    {
        var input = new JsonObject
        {
            ["num"] = p.Num,
            ["str"] = Strings[p.Str % Strings.Length],
            ["flag"] = p.Flag,
            ["items"] = new JsonArray(p.Items.Select(v => p.ObjectItems ? (JsonNode)new JsonObject { ["id"] = v } : JsonValue.Create(v)).ToArray()),
            ["txt"] = "a,b,,c",
            ["wait"] = 0,
        };
        if (p.HasObj) input["obj"] = new JsonObject { ["k"] = "beta", ["n"] = p.Num % 3 };
        // Now and then a field the machine reads is missing (a path that matches nothing).
        if (p.Missing == 0) input.Remove("num");
        if (p.Missing == 1) input.Remove("str");
        if (p.Missing == 2) input.Remove("items");
        if (p.Missing == 3) input.Remove("wait");
        return input;
    }
}
