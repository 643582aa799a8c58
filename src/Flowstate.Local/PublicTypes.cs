using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flowstate.Local;

/// <summary>The runner cannot run this definition or input (invalid definition, JSONata, bad input). The message says what and where.</summary>
public sealed class LocalRunnerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LocalRunnerException(string message) : base(message) { }
}

/// <summary>
/// Thrown by a task handler to fail the task the way a service would: an error name that Retry and
/// Catch match (Lambda.TooManyRequestsException, States.TaskFailed, MyApp.BadInput, ...) and a cause.
/// </summary>
public class TaskFailedException : Exception
{
    /// <summary>Fails the task with <paramref name="error"/> and <paramref name="cause"/>.</summary>
    public TaskFailedException(string error, string? cause = null) : base(cause ?? error)
    {
        Error = error ?? throw new ArgumentNullException(nameof(error));
        Cause = cause;
    }

    /// <summary>The error name.</summary>
    public string Error { get; }

    /// <summary>The cause (free text; AWS services often put JSON here).</summary>
    public string? Cause { get; }
}

/// <summary>How an execution ended.</summary>
public enum ExecutionStatus
{
    /// <summary>SUCCEEDED.</summary>
    Succeeded,
    /// <summary>FAILED.</summary>
    Failed,
    /// <summary>TIMED_OUT: the machine's TimeoutSeconds passed (or the one-year limit).</summary>
    TimedOut,
}

/// <summary>Options of a run: virtual start time, seed, names.</summary>
public sealed class LocalRunnerOptions
{
    /// <summary>The virtual time the execution starts at. Default 2026-01-01T00:00:00Z.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Seeds jitter, States.MathRandom, States.UUID, task tokens and generated ids: the same seed gives the same run.</summary>
    public int Seed { get; set; }

    /// <summary>The execution name ($$.Execution.Name). Default: "local-" plus a seeded id.</summary>
    public string? ExecutionName { get; set; }

    /// <summary>Region and account used in ARNs ($$.Execution.Id, $$.StateMachine.Id).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>See <see cref="Region"/>.</summary>
    public string Account { get; set; } = "123456789012";

    /// <summary>
    /// History events after which the execution fails with States.Runtime, as a Standard workflow
    /// does at 25,000 (the default). It also ends a loop that would otherwise run a virtual year.
    /// </summary>
    public int MaxHistoryEvents { get; set; } = 25_000;

    /// <summary>The execution role ARN ($$.Execution.RoleArn).</summary>
    public string? RoleArn { get; set; }
}

/// <summary>Reads JSON text into the runner's JSON values (for handler results and inputs).</summary>
public static class LocalJson
{
    /// <summary>Parses JSON text; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static JsonValue Parse(string json) => JsonCompare.Parse(json);

    /// <summary>Compact JSON text of a value.</summary>
    public static string Write(JsonValue value) => JsonCompare.Compact(value);

    /// <summary>
    /// A handler's return value as JSON: null, <see cref="JsonValue"/>, <see cref="JsonNode"/>,
    /// <see cref="JsonElement"/>, strings, numbers and booleans as themselves, anything else
    /// (anonymous objects, records, dictionaries) serialized with System.Text.Json.
    /// </summary>
    public static JsonValue From(object? value)
    {
        switch (value)
        {
            case null: return JsonValue.Null;
            case JsonValue v: return v;
            case string s: return JsonValue.String(s);
            case bool b: return JsonValue.Boolean(b);
            case int i: return JsonValue.Number(i);
            case long l: return JsonValue.Number(l);
            case double d: return JsonValue.Number(d);
            case JsonNode n: return Parse(n.ToJsonString());
            case JsonElement e: return Parse(e.GetRawText());
            default: return Parse(JsonSerializer.Serialize(value, value.GetType()));
        }
    }

    /// <summary>A value as a System.Text.Json node (null for JSON null).</summary>
    public static JsonNode? ToNode(JsonValue value) => JsonNode.Parse(Write(value));
}

/// <summary>One Step Functions history event, with its virtual timestamp.</summary>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type, string? StateName, JsonValue? Details)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Type}{(StateName is null ? "" : " " + StateName)}";
}

/// <summary>A task call the run made: which state, with what input, and how it ended.</summary>
public sealed record TaskCallRecord(string StateName, string Resource, JsonValue Input, JsonValue? Result, string? Error, string? Cause, int Attempt)
{
    /// <summary>The input as a System.Text.Json node.</summary>
    public JsonNode? InputNode => LocalJson.ToNode(Input);
}

/// <summary>What a run returns.</summary>
public sealed class ExecutionResult
{
    internal ExecutionResult() { }

    /// <summary>SUCCEEDED, FAILED or TIMED_OUT.</summary>
    public ExecutionStatus Status { get; internal set; }

    /// <summary>The status as AWS spells it.</summary>
    public string StatusText => Status switch { ExecutionStatus.Succeeded => "SUCCEEDED", ExecutionStatus.TimedOut => "TIMED_OUT", _ => "FAILED" };

    /// <summary>The execution's output (null unless it succeeded).</summary>
    public JsonValue? Output { get; internal set; }

    /// <summary>The output as compact JSON text.</summary>
    public string? OutputJson => Output is null ? null : LocalJson.Write(Output);

    /// <summary>The output as a System.Text.Json node.</summary>
    public JsonNode? OutputNode => Output is null ? null : LocalJson.ToNode(Output);

    /// <summary>The error name when it failed or timed out.</summary>
    public string? Error { get; internal set; }

    /// <summary>The cause when it failed or timed out.</summary>
    public string? Cause { get; internal set; }

    /// <summary>The history, as Step Functions records it (ExecutionStarted, TaskStateEntered, TaskScheduled, ...).</summary>
    public IReadOnlyList<HistoryEvent> History { get; internal set; } = Array.Empty<HistoryEvent>();

    /// <summary>The names of the states entered, in order (a state entered twice appears twice).</summary>
    public IReadOnlyList<string> StatesEntered { get; internal set; } = Array.Empty<string>();

    /// <summary>State transitions as Standard workflows bill them: every state entered, plus every retry.</summary>
    public int StateTransitions { get; internal set; }

    /// <summary>The task calls made, in order.</summary>
    public IReadOnlyList<TaskCallRecord> TaskCalls { get; internal set; } = Array.Empty<TaskCallRecord>();

    /// <summary>What each Map state with a ResultWriter would have written (state name to the array of child results).</summary>
    public IReadOnlyDictionary<string, JsonValue> ResultWriterOutputs { get; internal set; } = new Dictionary<string, JsonValue>();

    /// <summary>Virtual start and stop times.</summary>
    public DateTimeOffset StartTime { get; internal set; }

    /// <summary>See <see cref="StartTime"/>.</summary>
    public DateTimeOffset StopTime { get; internal set; }

    /// <summary>Virtual duration (StopTime - StartTime).</summary>
    public TimeSpan Duration => StopTime - StartTime;

    /// <summary>The calls made to one state.</summary>
    public IReadOnlyList<TaskCallRecord> CallsTo(string stateName) => TaskCalls.Where(c => c.StateName == stateName).ToList();

    /// <inheritdoc/>
    public override string ToString() => $"{StatusText} {(Error is null ? OutputJson : Error + ": " + Cause)}";
}
