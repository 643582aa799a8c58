namespace Flowstate.Local.Hosting;

/// <summary>What `run` was asked: input (JSON text or @file), an optional mock config and test case, and whether to print the trace.</summary>
public sealed record LocalRunRequest(string? Input = null, string? MockConfigPath = null, string? TestCase = null, bool Trace = false);

/// <summary>
/// The `run` command shared by the `flowstate` CLI (any ASL file) and the generated Main (the
/// assembly's machines): runs one execution and prints one JSON object {"status", "output",
/// "error", "cause"} (plus "transitions" and "trace" with --trace). Exit codes: 0 SUCCEEDED,
/// 1 FAILED or TIMED_OUT, 2 when it cannot run (bad definition, input or mock config, JSONata, a
/// Task with no mocked response), with the reason on stderr.
/// </summary>
public static class LocalRunCommand
{
    /// <summary>Exit code: the execution SUCCEEDED.</summary>
    public const int Succeeded = 0;
    /// <summary>Exit code: the execution FAILED or TIMED_OUT.</summary>
    public const int Failed = 1;
    /// <summary>Exit code: it could not run.</summary>
    public const int CannotRun = 2;

    /// <summary>Runs <paramref name="aslJson"/> as the machine <paramref name="machineName"/> (the name mock configs know it by).</summary>
    public static int Execute(string aslJson, string machineName, LocalRunRequest request, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var runner = LocalRunner.FromAsl(aslJson, machineName);
            if (request.MockConfigPath is not null || request.TestCase is not null)
            {
                if (request.MockConfigPath is null || request.TestCase is null)
                    return CannotRunBecause(stderr, "--mock-config and --test-case go together: give both.");
                if (!TryReadFile(request.MockConfigPath, "mock config", stderr, out var mockText)) return CannotRun;
                runner.UseMockConfig(MockConfig.Parse(mockText), request.TestCase, machineName);
            }
            var input = request.Input ?? "{}";
            if (input.StartsWith('@'))
            {
                if (!TryReadFile(input.Substring(1), "input", stderr, out input)) return CannotRun;
            }
            var result = runner.Run(input);
            if (result.Error == "Flowstate.Local.NoTaskHandler")
                return CannotRunBecause(stderr, result.Cause + (request.MockConfigPath is null ? " On the command line, Task states are served by a Step Functions Local mock config: --mock-config FILE --test-case NAME." : ""));
            if (result.Error == "Flowstate.Local.NoItems")
                return CannotRunBecause(stderr, result.Cause ?? "a Map's ItemReader has no items.");
            stdout.WriteLine(JsonWriter.Write(Describe(result, request.Trace)).TrimEnd('\n'));
            return result.Status == ExecutionStatus.Succeeded ? Succeeded : Failed;
        }
        catch (LocalRunnerException e)
        {
            return CannotRunBecause(stderr, e.Message);
        }
    }

    /// <summary>The printed object.</summary>
    public static JsonValue Describe(ExecutionResult result, bool trace)
    {
        var members = new List<(string, JsonValue)>
        {
            ("status", JsonValue.String(result.StatusText)),
            ("output", result.Output ?? JsonValue.Null),
            ("error", result.Error is null ? JsonValue.Null : JsonValue.String(result.Error)),
            ("cause", result.Cause is null ? JsonValue.Null : JsonValue.String(result.Cause)),
        };
        if (trace)
        {
            members.Add(("transitions", JsonValue.Number(result.StateTransitions)));
            members.Add(("duration", JsonValue.String(result.Duration.ToString("c", System.Globalization.CultureInfo.InvariantCulture))));
            members.Add(("trace", JsonValue.Array(result.History.Select(e =>
            {
                var m = new List<(string, JsonValue)>
                {
                    ("id", JsonValue.Number(e.Id)),
                    ("timestamp", JsonValue.String(Engine.Timestamps.Format(e.Timestamp))),
                    ("type", JsonValue.String(e.Type)),
                };
                if (e.StateName is not null) m.Add(("state", JsonValue.String(e.StateName)));
                if (e.Details is not null) m.Add(("details", e.Details));
                return JsonCompare.Obj(m.ToArray());
            }).ToArray())));
        }
        return JsonCompare.Obj(members.ToArray());
    }

    private static bool TryReadFile(string path, string what, TextWriter stderr, out string text)
    {
        text = "";
        try
        {
            text = File.ReadAllText(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"error: cannot read the {what} file '{path}': {e.Message}");
            return false;
        }
    }

    private static int CannotRunBecause(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: cannot run: {message}");
        return CannotRun;
    }
}
