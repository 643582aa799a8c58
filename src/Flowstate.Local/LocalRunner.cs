using System.Reflection;
using Flowstate.Local.Engine;
using StateTypes = Flowstate.Core.Asl.AslVocabulary.StateTypes;

namespace Flowstate.Local;

/// <summary>How a Task state is served: a handler (shaped as the integration's response or not) or a mocked response.</summary>
internal sealed class TaskBinding
{
    public TaskHandler? Handler { get; init; }
    public MockedResponse? Mock { get; init; }
    public bool Shape { get; init; } = true;
}

/// <summary>
/// Runs a Step Functions state machine in process, in virtual time. Bind the Task states to handlers
/// (by the generated state class, by state name or by resource) or to a Step Functions Local mock
/// config, then <see cref="Run(string, CancellationToken)"/>.
/// <code>
/// var run = LocalRunner.For(DailyEtlPipeline.Definition)
///     .OnTask&lt;DailyEtlPipeline.ExtractData&gt;(call => new { rawPath = "s3://raw/2026-01-31" })
///     .Run("""{ "runDate": "2026-01-31" }""");
/// </code>
/// </summary>
public sealed class LocalRunner
{
    private readonly Machine _machine;
    private readonly Dictionary<string, TaskHandler> _byState = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskHandler> _byResource = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonValue> _items = new(StringComparer.Ordinal);
    private Dictionary<string, MockedResponse>? _mocks;

    private LocalRunner(Machine machine) => _machine = machine;

    /// <summary>The state machine's name ($$.StateMachine.Name).</summary>
    public string Name => _machine.Name;

    /// <summary>Start time, seed, names. Change before running.</summary>
    public LocalRunnerOptions Options { get; } = new();

    /// <summary>A runner for ASL text. Throws <see cref="LocalRunnerException"/> when the definition cannot run (invalid, JSONata, ...).</summary>
    public static LocalRunner FromAsl(string aslJson, string name = "local")
    {
        if (aslJson is null) throw new ArgumentNullException(nameof(aslJson));
        return new LocalRunner(Machine.Compile(aslJson, name));
    }

    /// <summary>A runner for a generated definition (<c>MyMachine.Definition</c>).</summary>
    public static LocalRunner For(StateMachineDefinition definition)
    {
        if (definition is null) throw new ArgumentNullException(nameof(definition));
        return FromAsl(definition.AslJson, definition.Name);
    }

    /// <summary>A runner for a generated <c>[StateMachine]</c> class.</summary>
    public static LocalRunner For<TMachine>()
    {
        var property = typeof(TMachine).GetProperty("Definition", BindingFlags.Public | BindingFlags.Static)
            ?? throw new LocalRunnerException($"{typeof(TMachine).Name} has no generated static Definition: is it a partial [StateMachine] class?");
        return For((StateMachineDefinition)property.GetValue(null)!);
    }

    /// <summary>The names of the machine's Task states (all scopes).</summary>
    public IReadOnlyList<string> TaskStates => _machine.AllStates.Values.Where(s => s.Type == StateTypes.Task).Select(s => s.Name).ToList();

    // ------------------------------------------------------------------ binding

    /// <summary>Binds the state declared by the nested class <typeparamref name="TState"/> (rename-safe).</summary>
    public LocalRunner OnTask<TState>(Func<TaskCall, object?> handler) => OnTask(StateName(typeof(TState)), handler);

    /// <summary>Binds the state declared by <typeparamref name="TState"/> to an async handler.</summary>
    public LocalRunner OnTaskAsync<TState>(Func<TaskCall, Task<object?>> handler) => OnTaskAsync(StateName(typeof(TState)), handler);

    /// <summary>Binds a Task state by name. The handler returns the task's result (for an optimized integration: what the function or job returned; the runner wraps it as AWS does) or throws <see cref="TaskFailedException"/>.</summary>
    public LocalRunner OnTask(string stateName, Func<TaskCall, object?> handler)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return OnTaskAsync(stateName, call => Task.FromResult(handler(call)));
    }

    /// <summary>Binds a Task state by name to an async handler.</summary>
    public LocalRunner OnTaskAsync(string stateName, Func<TaskCall, Task<object?>> handler)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        if (!_machine.AllStates.TryGetValue(stateName, out var state))
            throw new LocalRunnerException($"'{Name}' has no state '{stateName}' (its Task states: {string.Join(", ", TaskStates)}).");
        if (state.Type != StateTypes.Task) throw new LocalRunnerException($"State '{stateName}' is a {state.Type} state, not a Task.");
        _byState[stateName] = new TaskHandler(handler);
        return this;
    }

    /// <summary>
    /// Binds every Task whose Resource is <paramref name="resource"/> (with or without its .sync /
    /// .waitForTaskToken suffix), or, for the Lambda integration, whose FunctionName is <paramref name="resource"/>.
    /// </summary>
    public LocalRunner OnResource(string resource, Func<TaskCall, object?> handler)
    {
        if (handler is null) throw new ArgumentNullException(nameof(handler));
        return OnResourceAsync(resource, call => Task.FromResult(handler(call)));
    }

    /// <summary>Async variant of <see cref="OnResource(string, Func{TaskCall, object?})"/>.</summary>
    public LocalRunner OnResourceAsync(string resource, Func<TaskCall, Task<object?>> handler)
    {
        _byResource[resource ?? throw new ArgumentNullException(nameof(resource))] = new TaskHandler(handler ?? throw new ArgumentNullException(nameof(handler)));
        return this;
    }

    /// <summary>Serves Task states from a Step Functions Local mock config test case (the machine under <see cref="Name"/> or <paramref name="machineName"/>).</summary>
    public LocalRunner UseMockConfig(MockConfig config, string testCase, string? machineName = null)
    {
        if (config is null) throw new ArgumentNullException(nameof(config));
        var mocks = config.TestCase(machineName ?? Name, testCase);
        foreach (var state in mocks.Keys)
            if (!_machine.AllStates.ContainsKey(state))
                throw new LocalRunnerException($"Test case '{testCase}' mocks state '{state}', which '{Name}' does not have.");
        _mocks = mocks;
        return this;
    }

    /// <summary>The items a distributed Map's ItemReader reads (instead of S3).</summary>
    public LocalRunner WithItems(string mapState, object items)
    {
        var json = items is string text ? LocalJson.Parse(text) : LocalJson.From(items);
        if (!json.IsArray) throw new LocalRunnerException($"The items of Map state '{mapState}' must be a JSON array.");
        _items[mapState] = json;
        return this;
    }

    /// <summary>Sets options fluently.</summary>
    public LocalRunner Configure(Action<LocalRunnerOptions> configure)
    {
        configure(Options);
        return this;
    }

    internal JsonValue? ItemsFor(string state) => _items.TryGetValue(state, out var v) ? v : null;

    internal TaskBinding? Resolve(StatePlan state, JsonValue parameters, string machine)
    {
        if (_mocks is not null && _mocks.TryGetValue(state.Name, out var mock)) return new TaskBinding { Mock = mock };
        if (_byState.TryGetValue(state.Name, out var h)) return new TaskBinding { Handler = h };
        var resource = state.Spec.Resource!;
        if (_byResource.TryGetValue(resource, out h)) return new TaskBinding { Handler = h };
        var (baseArn, _) = Integrations.Split(resource);
        if (_byResource.TryGetValue(baseArn, out h)) return new TaskBinding { Handler = h };
        if (parameters.IsObject && parameters["FunctionName"] is { IsString: true } fn && _byResource.TryGetValue(fn.Text!, out h))
            return new TaskBinding { Handler = h };
        return null;
    }

    /// <summary>The ASL state name of a nested state class: its attribute's Name, else the class name.</summary>
    public static string StateName(Type stateClass)
    {
        if (stateClass is null) throw new ArgumentNullException(nameof(stateClass));
        foreach (var attribute in stateClass.GetCustomAttributes(inherit: false))
            if (attribute is StateAttribute state) return state.Name ?? stateClass.Name;
        foreach (var attribute in stateClass.GetCustomAttributes(inherit: false))
            if (attribute is BranchAttribute) throw new LocalRunnerException($"{stateClass.Name} is a Parallel branch, not a state.");
        return stateClass.Name;
    }

    // ------------------------------------------------------------------ running

    /// <summary>Runs an execution with the input (JSON text) and returns how it ended. Virtual time: a day-long Wait takes no real time.</summary>
    public ExecutionResult Run(string inputJson = "{}", CancellationToken cancellationToken = default)
    {
        JsonValue input;
        try { input = LocalJson.Parse(inputJson ?? "{}"); }
        catch (FormatException e) { throw new LocalRunnerException($"The execution input is not valid JSON: {e.Message}"); }
        return Run(input, cancellationToken);
    }

    /// <summary>Runs an execution with the input (a JSON value, or any object serialized with System.Text.Json).</summary>
    public ExecutionResult Run(object? input, CancellationToken cancellationToken = default)
    {
        var json = input as JsonValue ?? LocalJson.From(input);
        return new ExecutionRun(_machine, this, json).Run(cancellationToken);
    }

    /// <summary>Runs on a thread-pool thread (for async tests and hosts).</summary>
    public Task<ExecutionResult> RunAsync(string inputJson = "{}", CancellationToken cancellationToken = default)
        => Task.Run(() => Run(inputJson, cancellationToken), cancellationToken);

    /// <summary>
    /// The TestState inspector: runs one state on one input (its task served by the bound handler or
    /// mock) and returns the data after each processing step, the next state and the status
    /// (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), as AWS's TestState API does.
    /// </summary>
    public StateInspection TestState(string stateName, string inputJson = "{}", CancellationToken cancellationToken = default)
    {
        if (!_machine.AllStates.TryGetValue(stateName, out var state))
            throw new LocalRunnerException($"'{Name}' has no state '{stateName}'.");
        var input = LocalJson.Parse(inputJson);
        var run = new ExecutionRun(_machine, this, input);
        var i = run.Inspect(state, input, cancellationToken);
        return new StateInspection(i.Status ?? "FAILED", i.NextState, i.Error, i.Cause, i.AfterInputPath, i.AfterParameters, i.Result, i.AfterResultSelector, i.AfterResultPath, i.Output);
    }
}

/// <summary>What <see cref="LocalRunner.TestState"/> reports: the data after each processing step.</summary>
public sealed record StateInspection(
    string Status,
    string? NextState,
    string? Error,
    string? Cause,
    JsonValue? AfterInputPath,
    JsonValue? AfterParameters,
    JsonValue? Result,
    JsonValue? AfterResultSelector,
    JsonValue? AfterResultPath,
    JsonValue? Output);
