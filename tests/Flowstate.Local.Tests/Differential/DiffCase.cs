using System.Text;
using System.Text.Json.Nodes;
using Flowstate.Local;

namespace Flowstate.Local.Tests.Differential;

/// <summary>A Task's n-th call (retries count): a return value, or a failure with an error name and cause.</summary>
internal sealed record MockStep(JsonNode? Return, string? Error = null, string? Cause = null)
{
    public static MockStep Ok(JsonNode? value) => new(value);
    public static MockStep Fail(string error, string cause) => new(null, error, cause);
    public bool Throws => Error is not null;
}

/// <summary>
/// One differential case: a definition, an input, and for every Task state the responses of its
/// calls in order (the last one repeats). Both tools get exactly these.
/// </summary>
internal sealed record DiffCase(string Id, JsonObject Definition, JsonNode Input, IReadOnlyDictionary<string, IReadOnlyList<MockStep>> Mocks)
{
    /// <summary>The case as run-cases.mjs reads it.</summary>
    public JsonObject ToNodeCase()
    {
        var mocks = new JsonObject();
        foreach (var (state, steps) in Mocks.OrderBy(m => m.Key, StringComparer.Ordinal))
            mocks[state] = new JsonArray(steps.Select(s => (JsonNode)(s.Throws
                ? new JsonObject { ["throw"] = new JsonObject { ["error"] = s.Error, ["cause"] = s.Cause } }
                : new JsonObject { ["return"] = s.Return?.DeepClone() })).ToArray());
        var context = new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = $"arn:aws:states:us-east-1:123456789012:execution:m:{ExecutionName}",
                ["Input"] = Input.DeepClone(),
                ["Name"] = ExecutionName,
                ["RoleArn"] = "arn:aws:iam::123456789012:role/m-role",
                ["StartTime"] = "2026-01-01T00:00:00Z",
                ["RedriveCount"] = 0,
            },
            ["StateMachine"] = new JsonObject { ["Id"] = "arn:aws:states:us-east-1:123456789012:stateMachine:m", ["Name"] = "m" },
        };
        return new JsonObject { ["id"] = Id, ["definition"] = Definition.DeepClone(), ["input"] = Input.DeepClone(), ["context"] = context, ["mocks"] = mocks };
    }

    /// <summary>The execution's name: both tools get the same context object (Execution, StateMachine) for machine "m".</summary>
    public const string ExecutionName = "diff";

    /// <summary>The same mocks as a Step Functions Local mock config (machine "m", test case "t"): call n gets entry n, the last entry repeats.</summary>
    public string ToMockConfig()
    {
        var cases = new JsonObject();
        var responses = new JsonObject();
        var i = 0;
        foreach (var (state, steps) in Mocks.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var name = $"R{i++}";
            cases[state] = name;
            var byCall = new JsonObject();
            for (var n = 0; n < steps.Count; n++)
            {
                var key = n == steps.Count - 1 ? $"{n}-1000000" : n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                byCall[key] = steps[n].Throws
                    ? new JsonObject { ["Throw"] = new JsonObject { ["Error"] = steps[n].Error, ["Cause"] = steps[n].Cause } }
                    : new JsonObject { ["Return"] = steps[n].Return?.DeepClone() };
            }
            responses[name] = byCall;
        }
        return new JsonObject
        {
            ["StateMachines"] = new JsonObject { ["m"] = new JsonObject { ["TestCases"] = new JsonObject { ["t"] = cases } } },
            ["MockedResponses"] = responses,
        }.ToJsonString();
    }

    /// <summary>Names of the states at the top level of the machine.</summary>
    public IReadOnlySet<string> TopLevelStates => Definition["States"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the machine has Parallel or Map states (whose children run concurrently).</summary>
    public bool HasConcurrency => Machines.NestedStates(Definition).Count > 0;

    /// <summary>
    /// True when children of a Parallel or Map wait (a Wait state, or a retry after a mocked failure):
    /// run-cases.mjs makes those waits take no time while Flowstate.Local waits in virtual time, so
    /// which concurrent branch gets ahead, and how often a polling branch loops before a sibling
    /// ends, is not comparable. Only the top-level states are then compared.
    /// </summary>
    public bool ConcurrentTiming => Machines.NestedStates(Definition).Any(s =>
        s.Type == "Wait" || (s.Type == "Task" && Mocks.TryGetValue(s.Name, out var steps) && steps.Any(m => m.Throws)));

    public string Describe() => $"{Id}\n  definition: {Definition.ToJsonString()}\n  input: {Input.ToJsonString()}\n  mocks: {ToNodeCase()["mocks"]!.ToJsonString()}";
}

/// <summary>How an execution ended, in the terms both tools can report.</summary>
internal sealed record Outcome(string Status, string? OutputJson, string? Error, string? Cause, IReadOnlyList<string> States)
{
    public override string ToString()
    {
        var s = new StringBuilder(Status);
        if (OutputJson is not null) s.Append(' ').Append(OutputJson.Length > 400 ? OutputJson[..400] + "..." : OutputJson);
        if (Error is not null) s.Append(' ').Append(Error).Append(": ").Append(Cause);
        s.Append(" states=[").Append(string.Join(",", States.Take(40))).Append(States.Count > 40 ? ",..." : "").Append(']');
        return s.ToString();
    }
}

/// <summary>Flowstate.Local's side of a case, with the same limits as run-cases.mjs.</summary>
internal static class FlowstateSide
{
    /// <summary>run-cases.mjs aborts an execution that enters more than this many states and reports "LOOP".</summary>
    public const int LoopLimit = 2000;

    public static Outcome Run(DiffCase c)
    {
        ExecutionResult r;
        try
        {
            var runner = LocalRunner.FromAsl(c.Definition.ToJsonString(), "m");
            // Enough history for LoopLimit states of any kind; the runner's own limit ends the loop after that.
            runner.Options.MaxHistoryEvents = 100_000;
            runner.Options.ExecutionName = DiffCase.ExecutionName;
            if (c.Mocks.Count > 0) runner.UseMockConfig(MockConfig.Parse(c.ToMockConfig()), "t");
            r = runner.Run(c.Input.ToJsonString());
        }
        catch (LocalRunnerException e)
        {
            return new Outcome("REFUSED", null, "LocalRunnerException", e.Message, Array.Empty<string>());
        }
        if (r.StatesEntered.Count > LoopLimit) return new Outcome("LOOP", null, null, null, r.StatesEntered.Take(LoopLimit + 1).ToList());
        return new Outcome(r.StatusText, r.OutputJson, r.Error, r.Cause, r.StatesEntered);
    }
}
