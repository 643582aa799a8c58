using System.Globalization;
using Flowstate.Local.Paths;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Local.Engine;

/// <summary>How a scope (the machine, a branch, a Map iteration) or a state ended.</summary>
internal readonly struct Outcome
{
    private Outcome(int kind, JsonValue? output, string? error, string? cause, string? next)
    {
        Kind = kind;
        Output = output;
        Error = error;
        Cause = cause;
        Next = next;
    }

    private int Kind { get; }
    public JsonValue? Output { get; }
    public string? Error { get; }
    public string? Cause { get; }
    public string? Next { get; }
    public bool Succeeded => Kind == 0;
    public bool Failed => Kind == 1;
    public bool Cancelled => Kind == 2;

    public static Outcome Success(JsonValue output, string? next = null) => new(0, output, null, null, next);
    public static Outcome Failure(string error, string? cause) => new(1, null, error, cause, null);
    public static readonly Outcome Cancel = new(2, null, null, null, null);
}

/// <summary>The data at each processing step of one state (the TestState inspector).</summary>
internal sealed class Inspection
{
    public JsonValue? AfterInputPath, AfterParameters, Result, AfterResultSelector, AfterResultPath, Output;
    public string? Status, NextState, Error, Cause;
}

/// <summary>One execution: the interpreter proper. Runs on <see cref="VirtualScheduler"/>, so all of its code runs on one thread.</summary>
internal sealed class ExecutionRun
{
    private const long PayloadLimit = 256 * 1024;
    private const string NoHandlerError = "Flowstate.Local.NoTaskHandler";
    private const string NoItemsError = "Flowstate.Local.NoItems";

    private readonly Machine _machine;
    private readonly LocalRunner _runner;
    private readonly JsonValue _input;
    private readonly List<HistoryEvent> _history = new();
    private readonly List<string> _entered = new();
    private readonly List<TaskCallRecord> _calls = new();
    private readonly Dictionary<string, int> _invocations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TokenWait> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonValue> _resultWriter = new(StringComparer.Ordinal);
    private readonly List<TaskCall> _inFlight = new();
    private readonly string _executionName, _executionArn, _machineArn, _roleArn;
    private readonly DateTimeOffset _start;
    private int _transitions;
    private bool _timedOut;
    private string? _timeoutCause;

    public ExecutionRun(Machine machine, LocalRunner runner, JsonValue input)
    {
        _machine = machine;
        _runner = runner;
        _input = input;
        var o = runner.Options;
        Scheduler = new VirtualScheduler(o.StartTime);
        Scheduler.RealTimeWork = HandlersBusy;
        Random = new Random(o.Seed);
        _start = o.StartTime;
        _executionName = o.ExecutionName ?? "local-" + Intrinsics.NewUuid(new Random(o.Seed ^ 0x5EED));
        _machineArn = $"arn:aws:states:{o.Region}:{o.Account}:stateMachine:{machine.Name}";
        _executionArn = $"arn:aws:states:{o.Region}:{o.Account}:execution:{machine.Name}:{_executionName}";
        _roleArn = o.RoleArn ?? $"arn:aws:iam::{o.Account}:role/{machine.Name}-role";
    }

    public VirtualScheduler Scheduler { get; }
    public Random Random { get; }
    internal Inspection? Inspecting { get; set; }

    // ------------------------------------------------------------------ the execution

    public ExecutionResult Run(CancellationToken cancellationToken)
    {
        using var execution = new CancellationTokenSource();
        Record("ExecutionStarted", null, JsonCompare.Obj(("input", _input), ("roleArn", JsonValue.String(_roleArn))), final: true);
        if (_machine.Spec.TimeoutSeconds is { } t && t.TryGetInt64(out var seconds) && seconds > 0)
            Scheduler.Schedule(TimeSpan.FromSeconds(seconds), () =>
            {
                _timedOut = true;
                _timeoutCause = $"The execution exceeded the state machine's TimeoutSeconds ({seconds.ToString(CultureInfo.InvariantCulture)}).";
                execution.Cancel();
            });

        Outcome outcome = default;
        Scheduler.Run(RunRoot, OnIdle, cancellationToken);
        return Finish(outcome);

        async Task RunRoot()
        {
            if (JsonCompare.Utf8Size(_input, PayloadLimit) > PayloadLimit)
            {
                outcome = Outcome.Failure(StatesErrors.DataLimitExceeded, "The execution input is larger than 256 KiB.");
                return;
            }
            try { outcome = await RunScope(_machine.Root, _input, new Dictionary<string, JsonValue>(StringComparer.Ordinal), execution.Token); }
            catch (StatesErrorException e) { outcome = Outcome.Failure(e.Error, e.Cause); }
        }

        bool OnIdle()
        {
            // Nothing can happen any more: a state waits for a task token nobody completes. AWS would
            // wait until the execution's one-year limit; so does virtual time, and says why.
            if (execution.IsCancellationRequested) return false;
            var waiting = string.Join(", ", _tokens.Values.Select(w => $"'{w.StateName}'"));
            _timedOut = true;
            _timeoutCause = waiting.Length > 0
                ? $"The execution reached the one-year limit while {waiting} waited for a task token that nothing completed. Complete it from the handler (call.SendTaskSuccess / SendTaskFailure) or give the state a TimeoutSeconds."
                : "The execution reached the one-year limit with nothing left to run.";
            execution.Cancel();
            return true;
        }
    }

    private ExecutionResult Finish(Outcome outcome)
    {
        var result = new ExecutionResult { StartTime = _start };
        if (_timedOut)
        {
            result.Status = ExecutionStatus.TimedOut;
            result.Error = StatesErrors.Timeout;
            result.Cause = _timeoutCause;
            Record("ExecutionTimedOut", null, JsonCompare.Obj(("error", JsonValue.String(StatesErrors.Timeout)), ("cause", JsonValue.String(_timeoutCause ?? ""))), final: true);
        }
        else if (outcome.Succeeded)
        {
            result.Status = ExecutionStatus.Succeeded;
            result.Output = outcome.Output;
            Record("ExecutionSucceeded", null, JsonCompare.Obj(("output", outcome.Output!)), final: true);
        }
        else
        {
            result.Status = ExecutionStatus.Failed;
            result.Error = outcome.Error;
            result.Cause = outcome.Cause;
            Record("ExecutionFailed", null, ErrorDetails(outcome.Error, outcome.Cause), final: true);
        }
        result.StopTime = Scheduler.Now;
        result.History = _history.ToArray();
        result.StatesEntered = _entered.ToArray();
        result.StateTransitions = _transitions;
        result.TaskCalls = _calls.ToArray();
        result.ResultWriterOutputs = new Dictionary<string, JsonValue>(_resultWriter, StringComparer.Ordinal);
        return result;
    }

    /// <summary>Runs one state alone for the TestState inspector.</summary>
    public Inspection Inspect(StatePlan state, JsonValue input, CancellationToken cancellationToken)
    {
        var inspection = new Inspection();
        Inspecting = inspection;
        Scheduler.Run(Run, () => false, cancellationToken);
        return inspection;

        async Task Run()
        {
            var outcome = await RunState(state, input, new Dictionary<string, JsonValue>(StringComparer.Ordinal), CancellationToken.None);
            if (inspection.Status is null)
            {
                if (outcome.Succeeded) { inspection.Status = "SUCCEEDED"; inspection.Output = outcome.Output; inspection.NextState = outcome.Next; }
                else { inspection.Status = "FAILED"; inspection.Error = outcome.Error; inspection.Cause = outcome.Cause; }
            }
        }
    }

    private long Record(string type, string? state, JsonValue? details, bool final = false)
    {
        // Standard workflows stop at 25,000 history events; this also ends runaway loops in virtual time.
        if (!final && _history.Count >= _runner.Options.MaxHistoryEvents)
            throw StatesErrorException.Runtime($"The execution history reached the limit of {_runner.Options.MaxHistoryEvents.ToString(CultureInfo.InvariantCulture)} events (Standard workflows stop at 25,000); the last state was '{state}'.");
        var id = _history.Count + 1;
        _history.Add(new HistoryEvent(id, id - 1, Scheduler.Now, type, state, details));
        return id;
    }

    private static JsonValue ErrorDetails(string? error, string? cause)
    {
        var members = new List<(string, JsonValue)>();
        if (error is not null) members.Add(("error", JsonValue.String(error)));
        if (cause is not null) members.Add(("cause", JsonValue.String(cause)));
        return JsonCompare.Obj(members.ToArray());
    }

    // ------------------------------------------------------------------ scopes

    private async Task<Outcome> RunScope(ScopePlan scope, JsonValue input, Dictionary<string, JsonValue> vars, CancellationToken ct)
    {
        var name = scope.StartAt;
        var data = input;
        while (true)
        {
            if (ct.IsCancellationRequested) return Outcome.Cancel;
            var state = scope.States[name];
            var outcome = await RunState(state, data, vars, ct);
            if (!outcome.Succeeded) return outcome;
            if (outcome.Next is null) return outcome;
            data = outcome.Output!;
            name = outcome.Next;
        }
    }

    private JsonValue ContextObject(string state, DateTimeOffset entered, int retryCount, string? token, (int Index, JsonValue Value)? item)
    {
        var members = new List<(string, JsonValue)>
        {
            ("Execution", JsonCompare.Obj(
                ("Id", JsonValue.String(_executionArn)),
                ("Input", _input),
                ("Name", JsonValue.String(_executionName)),
                ("RoleArn", JsonValue.String(_roleArn)),
                ("StartTime", JsonValue.String(Timestamps.Format(_start))),
                ("RedriveCount", JsonValue.Number(0)))),
            ("StateMachine", JsonCompare.Obj(("Id", JsonValue.String(_machineArn)), ("Name", JsonValue.String(_machine.Name)))),
            ("State", JsonCompare.Obj(
                ("EnteredTime", JsonValue.String(Timestamps.Format(entered))),
                ("Name", JsonValue.String(state)),
                ("RetryCount", JsonValue.Number(retryCount)))),
        };
        if (token is not null) members.Add(("Task", JsonCompare.Obj(("Token", JsonValue.String(token)))));
        if (item is { } it) members.Add(("Map", JsonCompare.Obj(("Item", JsonCompare.Obj(("Index", JsonValue.Number(it.Index)), ("Value", it.Value))))));
        return JsonCompare.Obj(members.ToArray());
    }

    // ------------------------------------------------------------------ states

    private async Task<Outcome> RunState(StatePlan st, JsonValue raw, Dictionary<string, JsonValue> vars, CancellationToken ct)
    {
        _entered.Add(st.Name);
        _transitions++;
        var entered = Scheduler.Now;
        var retryCount = 0;
        EvalContext Ctx(string? token = null, (int, JsonValue)? item = null) =>
            new(() => ContextObject(st.Name, entered, retryCount, token, item), vars, Random, st.Name);

        try
        {
            Record(st.Type + "StateEntered", st.Name, JsonCompare.Obj(("input", raw)));
            switch (st.Type)
            {
                case StateTypes.Pass:
                {
                    var ctx = Ctx();
                    var eff = ApplyInputPath(st, raw, ctx);
                    var result = st.Spec.Result ?? (st.Parameters is null ? eff : st.Parameters.Evaluate(eff, ctx));
                    Inspect(i => { i.AfterParameters = result; i.Result = result; i.AfterResultSelector = result; });
                    AssignVariables(st.Assign, result, ctx, vars);
                    var output = ApplyOutput(st, raw, result, st.ResultPath, ctx);
                    return Exit(st, output, st.Spec.Next);
                }
                case StateTypes.Wait:
                {
                    var ctx = Ctx();
                    var eff = ApplyInputPath(st, raw, ctx);
                    var delay = WaitTime(st, eff, ctx);
                    if (delay > TimeSpan.Zero)
                    {
                        try { await Scheduler.Delay(delay, ct); }
                        catch (OperationCanceledException) { return Outcome.Cancel; }
                    }
                    AssignVariables(st.Assign, eff, ctx, vars);
                    var output = ApplyOutputPath(st, eff, ctx);
                    return Exit(st, output, st.Spec.Next);
                }
                case StateTypes.Choice:
                {
                    var ctx = Ctx();
                    var eff = ApplyInputPath(st, raw, ctx);
                    string? next = null;
                    foreach (var rule in st.Spec.Choices ?? default)
                    {
                        if (!ChoiceEvaluator.Matches(rule, eff, ctx)) continue;
                        next = rule.Next;
                        if (rule.Assign is not null) AssignVariables(PayloadTemplate.Compile(rule.Assign, "Assign"), eff, ctx, vars);
                        break;
                    }
                    next ??= st.Spec.Default ?? throw new StatesErrorException(StatesErrors.NoChoiceMatched,
                        $"No Choice rule of state '{st.Name}' matched the input '{JsonCompare.Excerpt(eff)}' and the state has no Default.");
                    AssignVariables(st.Assign, eff, ctx, vars);
                    var output = ApplyOutputPath(st, eff, ctx);
                    return Exit(st, output, next);
                }
                case StateTypes.Succeed:
                {
                    var ctx = Ctx();
                    var output = ApplyOutputPath(st, ApplyInputPath(st, raw, ctx), ctx);
                    return Exit(st, output, null);
                }
                case StateTypes.Fail:
                {
                    var ctx = Ctx();
                    var error = st.Spec.Error ?? FailField(st.Spec.ErrorPath, raw, ctx, "ErrorPath");
                    var cause = st.Spec.Cause ?? FailField(st.Spec.CausePath, raw, ctx, "CausePath");
                    return Outcome.Failure(error ?? "States.Fail", cause);
                }
                default:
                    return await RunWithRetry(st, raw, vars, ct, Ctx, () => retryCount, n => retryCount = n);
            }
        }
        catch (StatesErrorException e)
        {
            return Outcome.Failure(e.Error, e.Cause);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Outcome.Cancel;
        }
    }

    private void Inspect(Action<Inspection> record)
    {
        if (Inspecting is not null) record(Inspecting);
    }

    private Outcome Exit(StatePlan st, JsonValue output, string? next)
    {
        CheckSize(output, st.Name, "output");
        Inspect(i => i.Output ??= output);
        Record(st.Type + "StateExited", st.Name, JsonCompare.Obj(("output", output)));
        return Outcome.Success(output, st.Spec.End == true && st.Type != StateTypes.Choice ? null : next);
    }

    private static void CheckSize(JsonValue value, string state, string what)
    {
        if (JsonCompare.Utf8Size(value, PayloadLimit) > PayloadLimit)
            throw new StatesErrorException(StatesErrors.DataLimitExceeded, $"The {what} of state '{state}' is larger than 256 KiB (262,144 bytes).");
    }

    private string? FailField(string? path, JsonValue raw, EvalContext ctx, string field)
    {
        if (path is null) return null;
        var v = Evaluator.Evaluate(path, raw, ctx, field);
        if (!v.IsString) throw StatesErrorException.Runtime($"{field} of state '{ctx.StateName}' must select a string, not {JsonCompare.Excerpt(v, 60)}.");
        return v.Text;
    }

    private TimeSpan WaitTime(StatePlan st, JsonValue eff, EvalContext ctx)
    {
        var s = st.Spec;
        if (s.Seconds is { } seconds)
            return seconds.TryGetInt64(out var n) && n >= 0 ? TimeSpan.FromSeconds(n) : throw StatesErrorException.Runtime($"Seconds of state '{st.Name}' must be a non-negative integer.");
        if (s.SecondsPath is { } sp)
        {
            var v = Evaluator.Evaluate(sp, eff, ctx, "SecondsPath", allowIntrinsic: false);
            return v.TryGetInt64(out var n) && n >= 0 ? TimeSpan.FromSeconds(n)
                : throw StatesErrorException.Runtime($"SecondsPath '{sp}' of state '{st.Name}' selected {JsonCompare.Excerpt(v, 60)}, not a non-negative integer.");
        }
        string? timestamp = null;
        if (s.Timestamp is { IsString: true } ts) timestamp = ts.Text;
        else if (s.TimestampPath is { } tp)
        {
            var v = Evaluator.Evaluate(tp, eff, ctx, "TimestampPath", allowIntrinsic: false);
            timestamp = v.IsString ? v.Text : throw StatesErrorException.Runtime($"TimestampPath '{tp}' of state '{st.Name}' selected {JsonCompare.Excerpt(v, 60)}, not a timestamp string.");
        }
        if (timestamp is null) throw StatesErrorException.Runtime($"Wait state '{st.Name}' has none of Seconds, SecondsPath, Timestamp, TimestampPath.");
        if (!Timestamps.TryParse(timestamp, out var until)) throw StatesErrorException.Runtime($"'{timestamp}' in state '{st.Name}' is not an RFC 3339 timestamp.");
        var delay = until - Scheduler.Now;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }

    // ------------------------------------------------------------------ input and output processing

    private JsonValue ApplyInputPath(StatePlan st, JsonValue raw, EvalContext ctx)
    {
        JsonValue eff;
        if (st.InputPath.IsDiscard) eff = JsonValue.Object(Array.Empty<JsonProperty>());
        else if (st.InputPath.IsIdentity) eff = raw;
        else eff = Evaluator.EvaluatePath(st.InputPath.Path!, raw, ctx, "InputPath");
        Inspect(i => i.AfterInputPath = eff);
        return eff;
    }

    private JsonValue ApplyOutputPath(StatePlan st, JsonValue value, EvalContext ctx)
    {
        if (st.OutputPath.IsDiscard) return JsonValue.Object(Array.Empty<JsonProperty>());
        if (st.OutputPath.IsIdentity) return value;
        return Evaluator.EvaluatePath(st.OutputPath.Path!, value, ctx, "OutputPath");
    }

    private JsonValue ApplyOutput(StatePlan st, JsonValue raw, JsonValue result, PathField resultPath, EvalContext ctx)
    {
        var afterResultPath = ApplyResultPath(raw, result, resultPath, st.Name);
        Inspect(i => i.AfterResultPath = afterResultPath);
        return ApplyOutputPath(st, afterResultPath, ctx);
    }

    internal static JsonValue ApplyResultPath(JsonValue raw, JsonValue result, PathField resultPath, string state)
    {
        if (resultPath.IsDiscard) return raw;
        if (resultPath.IsIdentity) return result;
        var path = resultPath.Path!;
        if (path.Root != PathRoot.Input || !path.IsDefinite)
            throw new StatesErrorException(StatesErrors.ResultPathMatchFailure, $"ResultPath '{path.Text}' of state '{state}' is not a reference path into the state's data.");
        return Set(raw, path.Segments, 0, result, path.Text, state);
    }

    private static JsonValue Set(JsonValue node, IReadOnlyList<JsonPath.Segment> segments, int index, JsonValue value, string path, string state)
    {
        if (index == segments.Count) return value;
        switch (segments[index])
        {
            case JsonPath.NameSegment name:
            {
                if (!node.IsObject)
                    throw new StatesErrorException(StatesErrors.ResultPathMatchFailure,
                        $"Unable to apply ResultPath '{path}' of state '{state}' to the input '{JsonCompare.Excerpt(node)}': it is not a JSON object.");
                var child = node[name.Name] ?? JsonValue.Object(Array.Empty<JsonProperty>());
                return JsonCompare.With(node, name.Name, Set(child, segments, index + 1, value, path, state));
            }
            case JsonPath.IndexSegment idx when node.IsArray:
            {
                var i = idx.Index < 0 ? node.Items.Count + idx.Index : idx.Index;
                if (i < 0 || i >= node.Items.Count) break;
                var items = node.Items.ToArray();
                items[i] = Set(items[i], segments, index + 1, value, path, state);
                return JsonValue.Array(items);
            }
        }
        throw new StatesErrorException(StatesErrors.ResultPathMatchFailure,
            $"Unable to apply ResultPath '{path}' of state '{state}' to the input '{JsonCompare.Excerpt(node)}'.");
    }

    private static void AssignVariables(PayloadTemplate? assign, JsonValue data, EvalContext ctx, Dictionary<string, JsonValue> vars)
    {
        if (assign is null) return;
        // Every value is computed from the variables as they were before the state, then all are set.
        var values = assign.Evaluate(data, ctx);
        foreach (var p in values.Properties) vars[p.Name] = p.Value;
    }

    // ------------------------------------------------------------------ Task, Parallel, Map: retry and catch

    private async Task<Outcome> RunWithRetry(StatePlan st, JsonValue raw, Dictionary<string, JsonValue> vars, CancellationToken ct,
        Func<string?, (int, JsonValue)?, EvalContext> makeCtx, Func<int> getRetryCount, Action<int> setRetryCount)
    {
        var retriers = st.Spec.Retry ?? default;
        var attempts = new int[retriers.Count];
        var eff = ApplyInputPath(st, raw, makeCtx(null, null));
        while (true)
        {
            string? token = null;
            EvalContext ctx = makeCtx(null, null);
            try
            {
                JsonValue result;
                switch (st.Type)
                {
                    case StateTypes.Task:
                    {
                        if (Integrations.Split(st.Spec.Resource!).Pattern == ".waitForTaskToken") token = NewToken();
                        ctx = makeCtx(token, null);
                        var parameters = st.Parameters is null ? eff : st.Parameters.Evaluate(eff, ctx);
                        Inspect(i => i.AfterParameters = parameters);
                        CheckSize(parameters, st.Name, "input to the task");
                        result = await RunTask(st, parameters, eff, token, getRetryCount(), ctx, ct);
                        break;
                    }
                    case StateTypes.Parallel:
                    {
                        var parameters = st.Parameters is null ? eff : st.Parameters.Evaluate(eff, ctx);
                        Inspect(i => i.AfterParameters = parameters);
                        result = await RunParallel(st, parameters, vars, ct);
                        break;
                    }
                    default:
                        result = await RunMap(st, eff, vars, ctx, ct, makeCtx);
                        break;
                }
                Inspect(i => i.Result = result);
                CheckSize(result, st.Name, "result");
                if (st.ResultSelector is not null) result = st.ResultSelector.Evaluate(result, ctx);
                Inspect(i => i.AfterResultSelector = result);
                AssignVariables(st.Assign, result, ctx, vars);
                var output = ApplyOutput(st, raw, result, st.ResultPath, ctx);
                return Exit(st, output, st.Spec.Next);
            }
            catch (StatesErrorException e) when (!ct.IsCancellationRequested)
            {
                if (IsFatal(e.Error)) return Outcome.Failure(e.Error, e.Cause);
                var r = -1;
                for (var k = 0; k < retriers.Count; k++)
                    if (ErrorMatches(retriers[k].ErrorEquals, e.Error)) { r = k; break; }
                if (r >= 0)
                {
                    var retrier = retriers[r];
                    var max = retrier.MaxAttempts is { } m && m.TryGetInt64(out var mm) ? mm : 3;
                    if (attempts[r] < max)
                    {
                        if (Inspecting is not null) { Inspecting.Status = "RETRIABLE"; Inspecting.Error = e.Error; Inspecting.Cause = e.Cause; return Outcome.Failure(e.Error, e.Cause); }
                        var delay = RetryDelay(retrier, attempts[r]);
                        attempts[r]++;
                        setRetryCount(getRetryCount() + 1);
                        _transitions++;
                        if (delay > TimeSpan.Zero)
                        {
                            try { await Scheduler.Delay(delay, ct); }
                            catch (OperationCanceledException) { return Outcome.Cancel; }
                        }
                        continue;
                    }
                }
                var catchers = st.Spec.Catch ?? default;
                for (var k = 0; k < catchers.Count; k++)
                {
                    if (!ErrorMatches(catchers[k].ErrorEquals, e.Error)) continue;
                    var errorOutput = e.Cause is null
                        ? JsonCompare.Obj(("Error", JsonValue.String(e.Error)))
                        : JsonCompare.Obj(("Error", JsonValue.String(e.Error)), ("Cause", JsonValue.String(e.Cause)));
                    AssignVariables(st.CatchAssign[k], errorOutput, ctx, vars);
                    var output = ApplyResultPath(raw, errorOutput, st.CatchResultPaths[k], st.Name);
                    if (Inspecting is not null) { Inspecting.Status = "CAUGHT_ERROR"; Inspecting.Error = e.Error; Inspecting.Cause = e.Cause; Inspecting.NextState = catchers[k].Next; Inspecting.Output = output; }
                    CheckSize(output, st.Name, "output");
                    Record(st.Type + "StateExited", st.Name, JsonCompare.Obj(("output", output)));
                    return Outcome.Success(output, catchers[k].Next);
                }
                return Outcome.Failure(e.Error, e.Cause);
            }
        }
    }

    private static bool IsFatal(string error) => error is StatesErrors.Runtime or NoHandlerError or NoItemsError;

    /// <summary>ErrorEquals matching: the name itself; States.ALL matches all but States.Runtime and States.DataLimitExceeded; States.TaskFailed all but States.Timeout too.</summary>
    internal static bool ErrorMatches(EquatableArray<string>? names, string error)
    {
        if (names is null) return false;
        foreach (var n in names.Value)
        {
            if (string.Equals(n, error, StringComparison.Ordinal)) return true;
            if (n == StatesErrors.All && error is not (StatesErrors.Runtime or StatesErrors.DataLimitExceeded)) return true;
            if (n == StatesErrors.TaskFailed && error is not (StatesErrors.Runtime or StatesErrors.DataLimitExceeded or StatesErrors.Timeout)) return true;
        }
        return false;
    }

    private TimeSpan RetryDelay(RetrySpec retrier, int attempt)
    {
        var interval = retrier.IntervalSeconds?.AsDouble() ?? 1;
        var backoff = retrier.BackoffRate?.AsDouble() ?? 2.0;
        var seconds = interval * Math.Pow(backoff, attempt);
        if (retrier.MaxDelaySeconds is { } maxDelay) seconds = Math.Min(seconds, maxDelay.AsDouble());
        if (string.Equals(retrier.JitterStrategy, "FULL", StringComparison.Ordinal)) seconds = Random.NextDouble() * seconds;
        return TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
    }

    private string NewToken()
    {
        var bytes = new byte[48];
        Random.NextBytes(bytes);
        return "AQ" + Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }

    // ------------------------------------------------------------------ Task

    private sealed class TokenWait
    {
        public TokenWait(string stateName) => StateName = stateName;
        public string StateName { get; }
        public TaskCompletionSource<JsonValue> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Action? OnHeartbeat { get; set; }
    }

    internal void SendTaskSuccess(string token, JsonValue output)
    {
        if (!_tokens.TryGetValue(token, out var wait)) throw new InvalidOperationException($"Task token '{token}' is not waiting (TaskDoesNotExist / TaskTimedOut).");
        wait.Completion.TrySetResult(output);
    }

    internal void SendTaskFailure(string token, string error, string? cause)
    {
        if (!_tokens.TryGetValue(token, out var wait)) throw new InvalidOperationException($"Task token '{token}' is not waiting (TaskDoesNotExist / TaskTimedOut).");
        wait.Completion.TrySetException(new StatesErrorException(error, cause));
    }

    internal void SendTaskHeartbeat(string token)
    {
        if (!_tokens.TryGetValue(token, out var wait)) throw new InvalidOperationException($"Task token '{token}' is not waiting (TaskDoesNotExist / TaskTimedOut).");
        wait.OnHeartbeat?.Invoke();
    }

    private static TimeSpan? Seconds(JsonValue? value, string? path, JsonValue eff, EvalContext ctx, string field)
    {
        if (value is not null && value.TryGetInt64(out var n) && n > 0) return TimeSpan.FromSeconds(n);
        if (path is null) return null;
        var v = Evaluator.Evaluate(path, eff, ctx, field, allowIntrinsic: false);
        return v.TryGetInt64(out var m) && m > 0 ? TimeSpan.FromSeconds(m)
            : throw StatesErrorException.Runtime($"{field} of state '{ctx.StateName}' selected {JsonCompare.Excerpt(v, 60)}, not a positive integer.");
    }

    private async Task<JsonValue> RunTask(StatePlan st, JsonValue parameters, JsonValue eff, string? token, int attempt, EvalContext ctx, CancellationToken ct)
    {
        var resource = st.Spec.Resource!;
        var timeout = Seconds(st.Spec.TimeoutSeconds, st.Spec.TimeoutSecondsPath, eff, ctx, "TimeoutSecondsPath");
        var heartbeat = Seconds(st.Spec.HeartbeatSeconds, st.Spec.HeartbeatSecondsPath, eff, ctx, "HeartbeatSecondsPath");
        if (st.Credentials is not null) st.Credentials.Evaluate(eff, ctx);
        _invocations.TryGetValue(st.Name, out var invocation);
        _invocations[st.Name] = invocation + 1;

        var scheduled = new List<(string, JsonValue)> { ("resource", JsonValue.String(resource)), ("parameters", JsonValue.String(JsonCompare.Compact(parameters))), ("region", JsonValue.String(_runner.Options.Region)) };
        if (timeout is { } to) scheduled.Add(("timeoutInSeconds", JsonValue.Number((long)to.TotalSeconds)));
        if (heartbeat is { } hb) scheduled.Add(("heartbeatInSeconds", JsonValue.Number((long)hb.TotalSeconds)));
        Record("TaskScheduled", st.Name, JsonCompare.Obj(scheduled.ToArray()));
        Record("TaskStarted", st.Name, JsonCompare.Obj(("resource", JsonValue.String(resource))));

        var binding = _runner.Resolve(st, parameters, _machine.Name)
            ?? throw new StatesErrorException(NoHandlerError,
                $"Task state '{st.Name}' (Resource '{resource}') has no handler. Bind one with runner.OnTask(\"{st.Name}\", call => ...), "
                + $"runner.OnTask<{CSharpName(st.Name)}>(call => ...) for a generated state class, runner.OnResource(\"{resource}\", ...), or a mock config test case.");

        using var stateCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var call = new TaskCall(this, st.Name, resource, parameters, attempt, invocation, token, stateCts.Token);
        TokenWait? wait = null;
        if (token is not null) _tokens[token] = wait = new TokenWait(st.Name);
        var pattern = Integrations.Split(resource).Pattern;
        if (pattern.Length > 0) Record("TaskSubmitted", st.Name, JsonCompare.Obj(("resource", JsonValue.String(resource))));
        try
        {
            var work = Invoke(binding, call, parameters, resource, invocation, wait);
            JsonValue result;
            if (work.IsCompleted && (wait is null || wait.Completion.Task.IsCompleted)) result = await work;
            else result = await Race(work, call, wait, timeout, heartbeat, stateCts, ct, st.Name);
            Record("TaskSucceeded", st.Name, JsonCompare.Obj(("resource", JsonValue.String(resource)), ("output", JsonValue.String(JsonCompare.Compact(result)))));
            _calls.Add(new TaskCallRecord(st.Name, resource, parameters, result, null, null, attempt));
            return result;
        }
        catch (StatesErrorException e)
        {
            if (e.Error is StatesErrors.Timeout or StatesErrors.HeartbeatTimeout)
                Record("TaskTimedOut", st.Name, JsonCompare.Obj(("error", JsonValue.String(e.Error)), ("cause", JsonValue.String(e.Cause ?? ""))));
            else if (!IsFatal(e.Error))
                Record("TaskFailed", st.Name, ErrorDetails(e.Error, e.Cause));
            _calls.Add(new TaskCallRecord(st.Name, resource, parameters, null, e.Error, e.Cause, attempt));
            throw;
        }
        finally
        {
            if (token is not null) _tokens.Remove(token);
            stateCts.Cancel();
        }
    }

    private static string CSharpName(string stateName)
    {
        var chars = stateName.Where(char.IsLetterOrDigit).ToArray();
        return chars.Length == 0 ? "TheState" : new string(chars);
    }

    private async Task<JsonValue> Invoke(TaskBinding binding, TaskCall call, JsonValue parameters, string resource, int invocation, TokenWait? wait)
    {
        JsonValue result;
        if (binding.Mock is not null)
        {
            var response = binding.Mock.For(invocation)
                ?? throw new StatesErrorException(NoHandlerError, $"The mock config's response '{binding.Mock.Name}' for state '{call.StateName}' has no entry for call {invocation} (calls count from 0; give a range such as \"0-9\").");
            if (response["Throw"] is { } thrown)
                throw new StatesErrorException(thrown["Error"]?.Text ?? "States.TaskFailed", thrown["Cause"]?.Text);
            return response["Return"]!;
        }
        Task<object?> task;
        try { task = binding.Handler!(call); }
        catch (Exception e) { throw ToStatesError(e); }
        if (!task.IsCompleted)
        {
            lock (_inFlight) _inFlight.Add(call);
            try { await task; }
            catch (Exception) { /* observed below */ }
            finally { lock (_inFlight) _inFlight.Remove(call); }
        }
        object? value;
        try { value = await task; }
        catch (Exception e) { throw ToStatesError(e); }
        JsonValue json;
        try { json = LocalJson.From(value); }
        catch (Exception e) when (e is FormatException or NotSupportedException or System.Text.Json.JsonException)
        {
            throw new StatesErrorException(NoHandlerError, $"The handler of state '{call.StateName}' returned a value that is not JSON: {e.Message}");
        }
        if (wait is not null) return await wait.Completion.Task;
        result = binding.Shape ? Integrations.Shape(resource, parameters, json, this) : json;
        return result;
    }

    /// <summary>True while a handler works in real time (not waiting in virtual time): the scheduler must not move the clock.</summary>
    internal bool HandlersBusy()
    {
        lock (_inFlight)
            foreach (var c in _inFlight) if (Volatile.Read(ref c.VirtualWaits) == 0) return true;
        return false;
    }

    private static StatesErrorException ToStatesError(Exception e) => e switch
    {
        TaskFailedException t => new StatesErrorException(t.Error, t.Cause),
        StatesErrorException s => s,
        AggregateException { InnerExceptions.Count: 1 } a => ToStatesError(a.InnerException!),
        _ => new StatesErrorException(e.GetType().Name, e.Message),
    };

    private async Task<JsonValue> Race(Task<JsonValue> work, TaskCall call, TokenWait? wait, TimeSpan? timeout, TimeSpan? heartbeat, CancellationTokenSource stateCts, CancellationToken ct, string state)
    {
        var done = new TaskCompletionSource<JsonValue>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = work.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) done.TrySetResult(t.Result);
            else if (t.Exception is { } ex) done.TrySetException(ex.InnerException ?? ex);
            else done.TrySetCanceled();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default); // inline on the loop thread: no real-time race with the virtual clock
        VirtualTimer? timeoutTimer = null, heartbeatTimer = null;
        if (timeout is { } to)
            timeoutTimer = Scheduler.Schedule(to, () => done.TrySetException(new StatesErrorException(StatesErrors.Timeout, $"State '{state}' did not finish within its TimeoutSeconds ({to.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).")));
        void ArmHeartbeat()
        {
            heartbeatTimer?.Cancel();
            if (heartbeat is { } hb)
                heartbeatTimer = Scheduler.Schedule(hb, () => done.TrySetException(new StatesErrorException(StatesErrors.HeartbeatTimeout, $"State '{state}' sent no heartbeat within its HeartbeatSeconds ({hb.TotalSeconds.ToString(CultureInfo.InvariantCulture)}).")));
        }
        ArmHeartbeat();
        if (wait is not null) wait.OnHeartbeat = ArmHeartbeat;
        using var registration = ct.Register(() => done.TrySetCanceled(ct));
        try
        {
            return await done.Task;
        }
        finally
        {
            timeoutTimer?.Cancel();
            heartbeatTimer?.Cancel();
            stateCts.Cancel();
        }
    }

    // ------------------------------------------------------------------ Parallel

    private async Task<JsonValue> RunParallel(StatePlan st, JsonValue input, Dictionary<string, JsonValue> vars, CancellationToken ct)
    {
        Record("ParallelStateStarted", st.Name, null);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Outcome? failure = null;
        var branches = st.Branches!;
        var tasks = new Task<Outcome>[branches.Length];
        for (var b = 0; b < branches.Length; b++)
            tasks[b] = RunBranch(branches[b]);
        var outcomes = await Task.WhenAll(tasks);
        ct.ThrowIfCancellationRequested();
        if (failure is { } f)
        {
            Record("ParallelStateFailed", st.Name, ErrorDetails(f.Error, f.Cause));
            throw new StatesErrorException(f.Error!, f.Cause);
        }
        Record("ParallelStateSucceeded", st.Name, null);
        return JsonValue.Array(outcomes.Select(o => o.Output!).ToArray());

        async Task<Outcome> RunBranch(ScopePlan branch)
        {
            // A branch sees the outer variables and keeps its own assignments to itself.
            var outcome = await RunScope(branch, input, new Dictionary<string, JsonValue>(vars, StringComparer.Ordinal), cts.Token);
            if (outcome.Failed && failure is null)
            {
                failure = outcome;
                cts.Cancel();
            }
            return outcome;
        }
    }

    // ------------------------------------------------------------------ Map

    private async Task<JsonValue> RunMap(StatePlan st, JsonValue eff, Dictionary<string, JsonValue> vars, EvalContext ctx, CancellationToken ct,
        Func<string?, (int, JsonValue)?, EvalContext> makeCtx)
    {
        var s = st.Spec;
        JsonValue items;
        if (s.ItemReader is not null)
        {
            items = _runner.ItemsFor(st.Name) ?? throw new StatesErrorException(NoItemsError,
                $"Map state '{st.Name}' reads its items with an ItemReader; give them with runner.WithItems(\"{st.Name}\", items).");
        }
        else
        {
            items = s.ItemsPath is null ? eff : Evaluator.Evaluate(s.ItemsPath, eff, ctx, "ItemsPath", allowIntrinsic: false);
            if (!items.IsArray)
                throw StatesErrorException.Runtime($"ItemsPath '{s.ItemsPath ?? "$"}' of Map state '{st.Name}' selected {JsonCompare.Excerpt(items, 80)}, which is not an array.");
        }
        var inputs = new List<JsonValue>(items.Items.Count);
        var selector = st.ItemSelector ?? st.Parameters; // the legacy Map "Parameters" is the ItemSelector
        for (var i = 0; i < items.Items.Count; i++)
        {
            var item = items.Items[i];
            inputs.Add(selector is null ? item : selector.Evaluate(eff, makeCtx(null, (i, item))));
        }
        if (s.ItemBatcher is { IsObject: true } batcher) inputs = Batch(batcher, inputs, eff, ctx);

        var maxConcurrency = Count(s.MaxConcurrency, s.MaxConcurrencyPath, eff, ctx, "MaxConcurrencyPath") ?? 0;
        var distributed = st.IsDistributedMap;
        var toleratedCount = Count(s.ToleratedFailureCount, s.ToleratedFailureCountPath, eff, ctx, "ToleratedFailureCountPath");
        var toleratedPercent = s.ToleratedFailurePercentage?.AsDouble()
            ?? (s.ToleratedFailurePercentagePath is { } pp ? Evaluator.Evaluate(pp, eff, ctx, "ToleratedFailurePercentagePath", false).AsDouble() : (double?)null);

        Record("MapStateStarted", st.Name, JsonCompare.Obj(("length", JsonValue.Number(inputs.Count))));
        var results = new JsonValue[inputs.Count];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Outcome? failure = null;
        var failures = 0;
        var next = 0;
        var workers = maxConcurrency <= 0 ? inputs.Count : Math.Min(maxConcurrency, inputs.Count);
        var tasks = new Task[workers];
        for (var w = 0; w < workers; w++) tasks[w] = Worker();
        await Task.WhenAll(tasks);
        ct.ThrowIfCancellationRequested();

        if (failure is { } f)
        {
            Record("MapStateFailed", st.Name, ErrorDetails(f.Error, f.Cause));
            throw new StatesErrorException(f.Error!, f.Cause);
        }
        Record("MapStateSucceeded", st.Name, null);
        var array = JsonValue.Array(results);
        if (s.ResultWriter is { IsObject: true } writer)
        {
            _resultWriter[st.Name] = array;
            var config = writer["Parameters"] ?? writer["WriterConfig"] ?? JsonValue.Object(Array.Empty<JsonProperty>());
            return JsonCompare.Obj(
                ("MapRunArn", JsonValue.String($"arn:aws:states:{_runner.Options.Region}:{_runner.Options.Account}:mapRun:{_machine.Name}/{st.Name}:{_executionName}")),
                ("ResultWriterDetails", JsonCompare.Obj(
                    ("Bucket", config["Bucket"] ?? JsonValue.String("")),
                    ("Key", JsonValue.String((config["Prefix"]?.Text ?? "") + "/manifest.json")))));
        }
        return array;

        async Task Worker()
        {
            while (!cts.IsCancellationRequested)
            {
                var i = next++;
                if (i >= inputs.Count) return;
                Record("MapIterationStarted", st.Name, JsonCompare.Obj(("index", JsonValue.Number(i))));
                var scopeVars = distributed ? new Dictionary<string, JsonValue>(StringComparer.Ordinal) : new Dictionary<string, JsonValue>(vars, StringComparer.Ordinal);
                var outcome = await RunScope(st.Processor!, inputs[i], scopeVars, cts.Token);
                if (outcome.Succeeded)
                {
                    results[i] = outcome.Output!;
                    Record("MapIterationSucceeded", st.Name, JsonCompare.Obj(("index", JsonValue.Number(i))));
                    continue;
                }
                if (outcome.Cancelled) { Record("MapIterationAborted", st.Name, JsonCompare.Obj(("index", JsonValue.Number(i)))); return; }
                Record("MapIterationFailed", st.Name, JsonCompare.Obj(("index", JsonValue.Number(i))));
                failures++;
                results[i] = JsonCompare.Obj(("Error", JsonValue.String(outcome.Error!)), ("Cause", JsonValue.String(outcome.Cause ?? "")));
                if (!distributed)
                {
                    if (failure is null) { failure = outcome; cts.Cancel(); }
                    return;
                }
                var tolerated = Math.Max(toleratedCount ?? 0, toleratedPercent is { } pct ? (int)Math.Floor(pct / 100.0 * inputs.Count) : 0);
                if (failures > tolerated && failure is null)
                {
                    failure = Outcome.Failure(StatesErrors.ExceedToleratedFailureThreshold,
                        $"The Map Run of state '{st.Name}' failed: {failures} of {inputs.Count} item(s) failed, more than the tolerated {tolerated}.");
                    cts.Cancel();
                    return;
                }
            }
        }
    }

    private static int? Count(JsonValue? value, string? path, JsonValue eff, EvalContext ctx, string field)
    {
        if (value is not null && value.TryGetInt64(out var n)) return (int)Math.Clamp(n, 0, int.MaxValue);
        if (path is null) return null;
        var v = Evaluator.Evaluate(path, eff, ctx, field, allowIntrinsic: false);
        return v.TryGetInt64(out var m) && m >= 0 ? (int)Math.Min(m, int.MaxValue) : throw StatesErrorException.Runtime($"{field} of state '{ctx.StateName}' selected {JsonCompare.Excerpt(v, 60)}, not a non-negative integer.");
    }

    private static List<JsonValue> Batch(JsonValue batcher, List<JsonValue> inputs, JsonValue eff, EvalContext ctx)
    {
        var maxItems = batcher["MaxItemsPerBatch"] is { } mi && mi.TryGetInt64(out var a) ? (int)a : int.MaxValue;
        var maxBytes = batcher["MaxInputBytesPerBatch"] is { } mb && mb.TryGetInt64(out var b) ? b : 256 * 1024;
        var batchInput = batcher["BatchInput"] is { } bi ? PayloadTemplate.Compile(bi, "BatchInput").Evaluate(eff, ctx) : null;
        var batches = new List<JsonValue>();
        var current = new List<JsonValue>();
        long bytes = 0;
        foreach (var item in inputs)
        {
            var size = JsonCompare.Utf8Size(item) + 1;
            if (current.Count > 0 && (current.Count >= maxItems || bytes + size > maxBytes)) { batches.Add(Make(current)); current = new List<JsonValue>(); bytes = 0; }
            current.Add(item);
            bytes += size;
        }
        if (current.Count > 0) batches.Add(Make(current));
        return batches;

        JsonValue Make(List<JsonValue> batch) => batchInput is null
            ? JsonCompare.Obj(("Items", JsonValue.Array(batch)))
            : JsonCompare.Obj(("BatchInput", batchInput), ("Items", JsonValue.Array(batch)));
    }
}
