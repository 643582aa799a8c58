using System.Text;
using Flowstate.Cli.Commands;
using Flowstate.Cli.Tests.Support;
using Flowstate.Local;

namespace Flowstate.Cli.Tests;

/// <summary>`flowstate run`: output object, exit codes, mock configs, and every corpus machine.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("flowstate-run-tests-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowstateCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_temp, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private const string Hello = """
        { "StartAt": "Greet", "States": {
          "Greet": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "greet", "Payload.$": "$" }, "OutputPath": "$.Payload",
                     "Retry": [ { "ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2 } ], "Next": "Wait" },
          "Wait": { "Type": "Wait", "Seconds": 86400, "End": true } } }
        """;

    private const string Mocks = """
        { "StateMachines": { "hello": { "TestCases": {
            "Throttled": { "Greet": "ThrottledThenOk" },
            "Broken": { "Greet": "AlwaysFails" } } } },
          "MockedResponses": {
            "ThrottledThenOk": { "0-1": { "Throw": { "Error": "Lambda.TooManyRequestsException", "Cause": "Rate exceeded" } }, "2": { "Return": { "StatusCode": 200, "Payload": { "greeting": "hi" } } } },
            "AlwaysFails": { "0-9": { "Throw": { "Error": "Lambda.Unknown", "Cause": "boom" } } } } }
        """;

    [Fact]
    public void Mocked_run_succeeds_after_throttling_and_prints_the_result_object()
    {
        var asl = File("hello.asl.json", Hello);
        var mocks = File("mocks.json", Mocks);
        var (code, stdout, stderr) = Run("run", asl, "--mock-config", mocks, "--test-case", "Throttled");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        var printed = LocalJson.Parse(stdout);
        Assert.Equal("SUCCEEDED", printed["status"]!.Text);
        Assert.Equal("hi", printed["output"]!["greeting"]!.Text);
        Assert.True(printed["error"]!.IsNull);
        Assert.Null(printed["trace"]);
    }

    [Fact]
    public void Trace_adds_history_transitions_and_virtual_duration()
    {
        var (code, stdout, _) = Run("run", File("hello.asl.json", Hello), "--mock-config", File("mocks.json", Mocks), "--test-case", "Throttled", "--trace", "--input", "{\"who\":\"x\"}");
        Assert.Equal(0, code);
        var printed = LocalJson.Parse(stdout);
        Assert.Equal("4", printed["transitions"]!.Text); // Greet, two retries, Wait
        Assert.Equal("1.00:00:06", printed["duration"]!.Text); // 2 s + 4 s back-off, a day of Wait
        Assert.Contains(printed["trace"]!.Items, e => e["type"]!.Text == "TaskFailed");
    }

    [Fact]
    public void Failed_run_exits_1_with_error_and_cause()
    {
        var (code, stdout, _) = Run("run", File("hello.asl.json", Hello), "--mock-config", File("mocks.json", Mocks), "--test-case", "Broken");
        Assert.Equal(1, code);
        var printed = LocalJson.Parse(stdout);
        Assert.Equal("FAILED", printed["status"]!.Text);
        Assert.Equal("Lambda.Unknown", printed["error"]!.Text);
        Assert.Equal("boom", printed["cause"]!.Text);
    }

    [Theory]
    [InlineData("{ not json", null, null, "not valid JSON")]
    [InlineData(Hello, null, null, "--mock-config FILE --test-case NAME")]
    [InlineData(Hello, "mocks", "Nope", "no test case 'Nope'")]
    [InlineData("""{ "QueryLanguage": "JSONata", "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }""", null, null, "JSONata is not supported")]
    public void Cannot_run_exits_2_with_a_clear_message(string asl, string? mocks, string? testCase, string message)
    {
        var args = new List<string> { "run", File("hello.asl.json", asl) };
        if (mocks is not null) args.AddRange(new[] { "--mock-config", File("mocks.json", Mocks), "--test-case", testCase! });
        var (code, stdout, stderr) = Run(args.ToArray());
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public void Input_from_a_file_and_bad_input()
    {
        var asl = File("echo.asl.json", """{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""");
        var (code, stdout, _) = Run("run", asl, "--input", "@" + File("in.json", """{ "a": [1, 2] }"""));
        Assert.Equal(0, code);
        Assert.Equal("2", LocalJson.Parse(stdout)["output"]!["a"]!.Items[1].Text);
        var bad = Run("run", asl, "--input", "{oops");
        Assert.True(bad.Code == 2, bad.Stderr);
        var missing = Run("run", asl, "--input", "@" + Path.Combine(_temp, "missing.json"));
        Assert.True(missing.Code == 2, missing.Stderr);
    }

    [Fact]
    public void Machine_name_in_the_mock_config_is_the_file_name_without_asl_json()
    {
        Assert.Equal("hello", RunCommand.MachineName("/x/hello.asl.json"));
        Assert.Equal("b", RunCommand.MachineName("b.json"));
    }

    /// <summary>
    /// Every corpus machine through `flowstate run` with a generated mock config that answers every
    /// Task with {}: each one either runs to a status (exit 0 or 1) or is refused for a reason the
    /// runner documents (JSONata, an ItemReader whose items a mock config cannot give).
    /// </summary>
    [Fact]
    public void Every_corpus_machine_runs_or_is_refused_for_a_documented_reason()
    {
        var ran = 0;
        var refused = new List<string>();
        var unexpected = new StringBuilder();
        foreach (var file in Corpus.Files)
        {
            var name = RunCommand.MachineName(file);
            string[] tasks;
            try { tasks = LocalRunner.FromAsl(System.IO.File.ReadAllText(file), name).TaskStates.ToArray(); }
            catch (LocalRunnerException) { tasks = Array.Empty<string>(); }
            var cases = string.Join(", ", tasks.Select(t => $"{System.Text.Json.JsonSerializer.Serialize(t)}: \"Empty\""));
            var mocks = File("corpus-mocks.json", $$"""
                { "StateMachines": { {{System.Text.Json.JsonSerializer.Serialize(name)}}: { "TestCases": { "AllOk": { {{cases}} } } } },
                  "MockedResponses": { "Empty": { "0-100000": { "Return": {} } } } }
                """);
            var (code, stdout, stderr) = Run("run", file, "--mock-config", mocks, "--test-case", "AllOk");
            if (code is 0 or 1)
            {
                ran++;
                Assert.Contains(LocalJson.Parse(stdout)["status"]!.Text, new[] { "SUCCEEDED", "FAILED", "TIMED_OUT" });
            }
            else if (code == 2 && (stderr.Contains("JSONata is not supported") || stderr.Contains("ItemReader")
                         // "QueryLanguage": "JSONata" written inside States: AWS rejects this definition too.
                         || (name == "shared-fallback-state-jsonata_statemachine_statemachine" && stderr.Contains("State 'QueryLanguage' is not a JSON object"))))
                refused.Add(name);
            else
                unexpected.AppendLine($"{name}: exit {code}: {stderr.Trim()}");
        }
        Assert.True(unexpected.Length == 0, unexpected.ToString());
        Assert.True(ran >= 120, $"only {ran} of {Corpus.Files.Count} corpus machines ran; refused: {string.Join(", ", refused)}");
    }
}
