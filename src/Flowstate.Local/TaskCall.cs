using System.Text.Json.Nodes;
using Flowstate.Local.Engine;

namespace Flowstate.Local;

/// <summary>What a task handler gets: the effective input (after InputPath and Parameters), the state, the attempt, the task token, virtual time.</summary>
public sealed class TaskCall
{
    private readonly ExecutionRun _run;
    internal int VirtualWaits;

    internal TaskCall(ExecutionRun run, string stateName, string resource, JsonValue input, int attempt, int invocation, string? taskToken, CancellationToken cancellationToken)
    {
        _run = run;
        StateName = stateName;
        Resource = resource;
        Input = input;
        Attempt = attempt;
        Invocation = invocation;
        TaskToken = taskToken;
        CancellationToken = cancellationToken;
    }

    /// <summary>The state's name.</summary>
    public string StateName { get; }

    /// <summary>The state's Resource, as written.</summary>
    public string Resource { get; }

    /// <summary>The effective input: what the service would receive.</summary>
    public JsonValue Input { get; }

    /// <summary>The input as compact JSON text.</summary>
    public string InputJson => LocalJson.Write(Input);

    /// <summary>The input as a System.Text.Json node (easy to index: call.InputNode!["Payload"]!["runDate"]).</summary>
    public JsonNode? InputNode => LocalJson.ToNode(Input);

    /// <summary>0 for the first attempt, 1 for the first retry, ...</summary>
    public int Attempt { get; }

    /// <summary>How many times this state was called before in this execution (0 for the first call).</summary>
    public int Invocation { get; }

    /// <summary>The task token, for a .waitForTaskToken resource; null otherwise.</summary>
    public string? TaskToken { get; }

    /// <summary>Cancelled when the state stops waiting (timeout, a failed sibling branch, the execution timing out).</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Virtual now.</summary>
    public DateTimeOffset Now => _run.Scheduler.Now;

    /// <summary>The execution's virtual clock.</summary>
    public TimeProvider Time => _run.Scheduler.Clock;

    /// <summary>Waits in virtual time (a task that "takes an hour" takes no real time; timeouts and heartbeats see it).</summary>
    public async Task Delay(TimeSpan delay)
    {
        Interlocked.Increment(ref VirtualWaits);
        try { await _run.Scheduler.Delay(delay, CancellationToken); }
        finally { Interlocked.Decrement(ref VirtualWaits); }
    }

    /// <summary>Completes this call's task token with <paramref name="output"/> (SendTaskSuccess).</summary>
    public void SendTaskSuccess(object? output) => _run.SendTaskSuccess(TaskToken ?? throw NoToken(), LocalJson.From(output));

    /// <summary>Fails this call's task token (SendTaskFailure).</summary>
    public void SendTaskFailure(string error, string? cause = null) => _run.SendTaskFailure(TaskToken ?? throw NoToken(), error, cause);

    /// <summary>Reports that the work behind this call's token is still alive (SendTaskHeartbeat).</summary>
    public void SendTaskHeartbeat() => _run.SendTaskHeartbeat(TaskToken ?? throw NoToken());

    private InvalidOperationException NoToken() => new($"State '{StateName}' has no task token: only a '.waitForTaskToken' resource has one.");
}

/// <summary>A task handler: returns the task's result (see <see cref="LocalJson.From"/>) or throws <see cref="TaskFailedException"/>.</summary>
public delegate Task<object?> TaskHandler(TaskCall call);
