using Flowstate.Local.Paths;
using Flowstate.Core.Asl;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Local.Engine;

/// <summary>A definition compiled for running: every path, intrinsic and template parsed once, every transition checked.</summary>
internal sealed class Machine
{
    private Machine(string name, StateMachineSpec spec, ScopePlan root)
    {
        Name = name;
        Spec = spec;
        Root = root;
    }

    public string Name { get; }
    public StateMachineSpec Spec { get; }
    public ScopePlan Root { get; }
    public Dictionary<string, StatePlan> AllStates { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads and compiles ASL; throws <see cref="LocalRunnerException"/> saying what is wrong when it cannot run.</summary>
    public static Machine Compile(string aslJson, string name)
    {
        var read = AslReader.Read(aslJson, name);
        if (read.Spec is null)
        {
            var d = read.Diagnostics.FirstOrDefault();
            var detail = d is null ? "invalid JSON" : string.Join(", ", d.MessageArgs);
            throw new LocalRunnerException($"The definition of '{name}' is not valid JSON: {detail}");
        }
        var spec = read.Spec;
        if (IsJsonata(spec.QueryLanguage))
            throw new LocalRunnerException($"State machine '{name}' uses JSONata (QueryLanguage at the top level); JSONata is not supported by the local runner yet.");
        var machine = new Machine(name, spec, null!);
        var root = CompileScope(spec.Root, machine, "the top level");
        var compiled = new Machine(name, spec, root);
        foreach (var kv in machine.AllStates) compiled.AllStates[kv.Key] = kv.Value;
        return compiled;
    }

    private static bool IsJsonata(string? queryLanguage) => string.Equals(queryLanguage, "JSONata", StringComparison.Ordinal);

    private static ScopePlan CompileScope(ScopeSpec scope, Machine machine, string where)
    {
        if (scope.States.Count == 0) throw new LocalRunnerException($"{Capitalize(where)} has no States.");
        if (scope.StartAt is null) throw new LocalRunnerException($"{Capitalize(where)} has no StartAt.");
        var plan = new ScopePlan(scope.StartAt);
        foreach (var s in scope.States)
        {
            if (plan.States.ContainsKey(s.Name) || machine.AllStates.ContainsKey(s.Name))
                throw new LocalRunnerException($"State name '{s.Name}' is used twice; state names must be unique in a state machine.");
            var sp = CompileState(s, machine);
            plan.States[s.Name] = sp;
            machine.AllStates[s.Name] = sp;
        }
        if (!plan.States.ContainsKey(scope.StartAt))
            throw new LocalRunnerException($"StartAt '{scope.StartAt}' of {where} is not a state of that scope.");
        foreach (var sp in plan.States.Values)
        {
            foreach (var target in sp.Targets())
                if (!plan.States.ContainsKey(target))
                    throw new LocalRunnerException($"State '{sp.Name}' moves to '{target}', which is not a state of {where}.");
        }
        return plan;
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

    private static StatePlan CompileState(StateSpec s, Machine machine)
    {
        if (s.Raw is not null) throw new LocalRunnerException($"State '{s.Name}' is not a JSON object.");
        if (IsJsonata(s.QueryLanguage))
            throw new LocalRunnerException($"State '{s.Name}' uses JSONata (QueryLanguage); JSONata is not supported by the local runner yet.");
        foreach (var e in s.Extras)
            if (e.Name is "Arguments" or "Output" || (e.Value.IsString && e.Value.Text!.TrimStart().StartsWith("{%", StringComparison.Ordinal)))
                throw new LocalRunnerException($"State '{s.Name}' uses JSONata ({e.Name}); JSONata is not supported by the local runner yet.");
        if (s.Arguments is not null || s.Output is not null)
            throw new LocalRunnerException($"State '{s.Name}' uses JSONata (Arguments/Output); JSONata is not supported by the local runner yet.");
        var type = s.Type ?? throw new LocalRunnerException($"State '{s.Name}' has no Type.");
        if (!AslVocabulary.StateTypes.IsKnown(type))
            throw new LocalRunnerException($"State '{s.Name}' has an unknown Type '{type}'.");
        if (!AslVocabulary.StateTypes.HasNoTransition(type) && s.Next is null && s.End != true)
            throw new LocalRunnerException($"State '{s.Name}' has neither Next nor \"End\": true.");
        if (type == StateTypes.Task && s.Resource is null)
            throw new LocalRunnerException($"Task state '{s.Name}' has no Resource.");
        try
        {
            var plan = new StatePlan(s)
            {
                InputPath = CompilePathField(s.InputPath, s.Name, "InputPath"),
                OutputPath = CompilePathField(s.OutputPath, s.Name, "OutputPath"),
                ResultPath = CompilePathField(s.ResultPath, s.Name, "ResultPath"),
                Parameters = s.Parameters is null ? null : PayloadTemplate.Compile(s.Parameters, "Parameters"),
                ResultSelector = s.ResultSelector is null ? null : PayloadTemplate.Compile(s.ResultSelector, "ResultSelector"),
                ItemSelector = s.ItemSelector is null ? null : PayloadTemplate.Compile(s.ItemSelector, "ItemSelector"),
                Assign = s.Assign is null ? null : PayloadTemplate.Compile(s.Assign, "Assign"),
                Credentials = s.Credentials is null ? null : PayloadTemplate.Compile(s.Credentials, "Credentials"),
            };
            if (s.ItemsPath is not null) JsonPath.Parse(s.ItemsPath);
            foreach (var p in new[] { s.SecondsPath, s.TimestampPath, s.TimeoutSecondsPath, s.HeartbeatSecondsPath, s.MaxConcurrencyPath, s.ToleratedFailureCountPath, s.ToleratedFailurePercentagePath })
                if (p is not null) JsonPath.Parse(p);
            foreach (var p in new[] { s.ErrorPath, s.CausePath })
                if (p is not null) { if (p.StartsWith("States.", StringComparison.Ordinal)) Intrinsics.Parse(p); else JsonPath.Parse(p); }
            if (s.Choices is { } choices)
                foreach (var rule in choices) CheckRule(rule, s.Name);
            if (s.Catch is { } catchers)
                foreach (var c in catchers)
                {
                    plan.CatchResultPaths.Add(CompilePathField(c.ResultPath, s.Name, "Catch ResultPath"));
                    plan.CatchAssign.Add(c.Assign is null ? null : PayloadTemplate.Compile(c.Assign, "Catch Assign"));
                }
            if (s.Branches is { } branches)
                plan.Branches = branches.Select((b, i) => CompileScope(b, machine, $"branch {i + 1} of '{s.Name}'")).ToArray();
            if (s.Processor is { } processor)
                plan.Processor = CompileScope(processor, machine, $"the item processor of '{s.Name}'");
            if (type == StateTypes.Map && s.Processor is null)
                throw new LocalRunnerException($"Map state '{s.Name}' has no ItemProcessor.");
            if (type == StateTypes.Parallel && (s.Branches is null || s.Branches.Value.Count == 0))
                throw new LocalRunnerException($"Parallel state '{s.Name}' has no Branches.");
            return plan;
        }
        catch (PathSyntaxException e)
        {
            throw new LocalRunnerException($"State '{s.Name}': {e.Message}");
        }
    }

    private static void CheckRule(ChoiceRuleSpec rule, string state)
    {
        if (rule.Condition is not null)
            throw new LocalRunnerException($"State '{state}' uses a JSONata Condition; JSONata is not supported by the local runner yet.");
        if (rule.Variable is not null) JsonPath.Parse(rule.Variable);
        if (rule.Operator is not null && rule.Operator.EndsWith("Path", StringComparison.Ordinal) && rule.Operand is { IsString: true } op)
            JsonPath.Parse(op.Text!);
        if (rule.And is { } and) foreach (var r in and) CheckRule(r, state);
        if (rule.Or is { } or) foreach (var r in or) CheckRule(r, state);
        if (rule.Not is { } not) CheckRule(not, state);
    }

    private static PathField CompilePathField(JsonValue? value, string state, string field)
    {
        if (value is null) return PathField.Default;
        if (value.IsNull) return PathField.Discard;
        if (!value.IsString) throw new LocalRunnerException($"{field} of state '{state}' must be a path string or null.");
        try { return new PathField(JsonPath.Parse(value.Text!)); }
        catch (PathSyntaxException e) { throw new LocalRunnerException($"{field} of state '{state}': {e.Message}"); }
    }
}

/// <summary>A path field (InputPath, OutputPath, ResultPath): absent ($), null (discard) or a path.</summary>
internal sealed class PathField
{
    public static readonly PathField Default = new(null);
    public static readonly PathField Discard = new(null) { IsDiscard = true };

    public PathField(JsonPath? path) => Path = path;

    public JsonPath? Path { get; }
    public bool IsDiscard { get; private init; }

    /// <summary>True for an absent field or "$".</summary>
    public bool IsIdentity => !IsDiscard && (Path is null || (Path.IsRootOnly && Path.Root == PathRoot.Input));
}

internal sealed class ScopePlan
{
    public ScopePlan(string startAt) => StartAt = startAt;
    public string StartAt { get; }
    public Dictionary<string, StatePlan> States { get; } = new(StringComparer.Ordinal);
}

internal sealed class StatePlan
{
    public StatePlan(StateSpec spec)
    {
        Spec = spec;
        Name = spec.Name;
        Type = spec.Type!;
    }

    public StateSpec Spec { get; }
    public string Name { get; }
    public string Type { get; }
    public PathField InputPath { get; init; } = PathField.Default;
    public PathField OutputPath { get; init; } = PathField.Default;
    public PathField ResultPath { get; init; } = PathField.Default;
    public PayloadTemplate? Parameters { get; init; }
    public PayloadTemplate? ResultSelector { get; init; }
    public PayloadTemplate? ItemSelector { get; init; }
    public PayloadTemplate? Assign { get; init; }
    public PayloadTemplate? Credentials { get; init; }
    public List<PathField> CatchResultPaths { get; } = new();
    public List<PayloadTemplate?> CatchAssign { get; } = new();
    public ScopePlan[]? Branches { get; set; }
    public ScopePlan? Processor { get; set; }

    public bool IsDistributedMap => Spec.Processor?.ProcessorConfig?["Mode"] is { IsString: true } mode && mode.Text == "DISTRIBUTED";

    public IEnumerable<string> Targets()
    {
        if (Spec.Next is not null) yield return Spec.Next;
        if (Spec.Default is not null) yield return Spec.Default;
        if (Spec.Choices is { } choices) foreach (var c in choices) if (c.Next is not null) yield return c.Next;
        if (Spec.Catch is { } catchers) foreach (var c in catchers) if (c.Next is not null) yield return c.Next;
    }
}
