namespace Flowstate.Local.Tests;

public class StateTests
{
    [Theory]
    [InlineData("\"StringEquals\": \"a\"", "\"a\"", true)]
    [InlineData("\"StringEquals\": \"a\"", "1", false)]
    [InlineData("\"StringLessThan\": \"b\"", "\"a\"", true)]
    [InlineData("\"StringGreaterThanEquals\": \"b\"", "\"b\"", true)]
    [InlineData("\"StringMatches\": \"log-*.txt\"", "\"log-2026.txt\"", true)]
    [InlineData("\"StringMatches\": \"log-*.txt\"", "\"log-2026.csv\"", false)]
    [InlineData("\"StringMatches\": \"a\\\\*b\"", "\"a*b\"", true)]
    [InlineData("\"StringMatches\": \"a\\\\*b\"", "\"axxb\"", false)]
    [InlineData("\"StringMatches\": \"a\\\\\\\\*\"", "\"a\\\\xyz\"", true)]
    [InlineData("\"StringMatches\": \"*\"", "\"\"", true)]
    [InlineData("\"NumericEquals\": 1", "1.0", true)]
    [InlineData("\"NumericLessThan\": 10", "9.5", true)]
    [InlineData("\"NumericGreaterThan\": 10", "\"11\"", false)]
    [InlineData("\"NumericLessThanEquals\": 2", "2", true)]
    [InlineData("\"BooleanEquals\": true", "true", true)]
    [InlineData("\"BooleanEquals\": true", "\"true\"", false)]
    [InlineData("\"TimestampEquals\": \"2026-01-01T00:00:00Z\"", "\"2026-01-01T01:00:00+01:00\"", true)]
    [InlineData("\"TimestampLessThan\": \"2026-01-01T00:00:00Z\"", "\"2025-12-31T23:59:59.999Z\"", true)]
    [InlineData("\"TimestampGreaterThan\": \"2026-01-01T00:00:00Z\"", "\"not a time\"", false)]
    [InlineData("\"IsNull\": true", "null", true)]
    [InlineData("\"IsNumeric\": true", "3", true)]
    [InlineData("\"IsString\": false", "3", true)]
    [InlineData("\"IsBoolean\": true", "false", true)]
    [InlineData("\"IsTimestamp\": true", "\"2026-01-01T00:00:00Z\"", true)]
    [InlineData("\"IsTimestamp\": true", "\"2026-01-01\"", false)]
    [InlineData("\"IsPresent\": true", "0", true)]
    public void Choice_operator(string comparison, string value, bool matches)
    {
        var asl = $$"""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.v", {{comparison}}, "Next": "Yes" } ], "Default": "No" },
              "Yes": { "Type": "Succeed" }, "No": { "Type": "Fail", "Error": "No" } } }
            """;
        var r = H.Run(asl, $$"""{ "v": {{value}} }""");
        Assert.Equal(matches ? ExecutionStatus.Succeeded : ExecutionStatus.Failed, r.Status);
    }

    [Fact]
    public void Choice_path_operators_and_combinators()
    {
        var asl = """
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [
                { "And": [ { "Variable": "$.a", "NumericGreaterThanPath": "$.b" }, { "Not": { "Variable": "$.s", "StringEqualsPath": "$.t" } },
                           { "Or": [ { "Variable": "$.missing", "IsPresent": true }, { "Variable": "$.flag", "BooleanEqualsPath": "$.flag2" } ] } ],
                  "Next": "Yes" } ], "Default": "No" },
              "Yes": { "Type": "Succeed" }, "No": { "Type": "Fail", "Error": "No" } } }
            """;
        Assert.Equal(ExecutionStatus.Succeeded, H.Run(asl, """{ "a": 3, "b": 2, "s": "x", "t": "y", "flag": true, "flag2": true }""").Status);
        Assert.Equal(ExecutionStatus.Failed, H.Run(asl, """{ "a": 3, "b": 2, "s": "x", "t": "x", "flag": true, "flag2": true }""").Status);
    }

    [Fact]
    public void Choice_with_no_match_and_no_default_fails_with_NoChoiceMatched()
        => H.Fails(H.Run("""{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "Variable": "$.v", "NumericEquals": 1, "Next": "D" } ] }, "D": { "Type": "Succeed" } } }""", """{ "v": 2 }"""),
            "States.NoChoiceMatched");

    [Fact]
    public void Choice_on_a_missing_variable_is_a_runtime_error()
        => H.Fails(H.Run("""{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "Variable": "$.v", "NumericEquals": 1, "Next": "D" } ], "Default": "D" }, "D": { "Type": "Succeed" } } }""", "{}"),
            "States.Runtime");

    [Theory]
    [InlineData("\"Seconds\": 86400", "{}", 86400)]
    [InlineData("\"SecondsPath\": \"$.s\"", """{ "s": 90 }""", 90)]
    [InlineData("\"Timestamp\": \"2026-01-02T00:00:00Z\"", "{}", 86400)]
    [InlineData("\"TimestampPath\": \"$.t\"", """{ "t": "2026-01-01T01:00:00Z" }""", 3600)]
    [InlineData("\"Timestamp\": \"2025-01-01T00:00:00Z\"", "{}", 0)]
    public void Wait_in_virtual_time(string field, string input, int seconds)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = H.Run($$"""{ "StartAt": "W", "States": { "W": { "Type": "Wait", {{field}}, "Next": "P" }, "P": { "Type": "Pass", "Parameters": { "t.$": "$$.State.EnteredTime" }, "End": true } } }""", input);
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        Assert.Equal(TimeSpan.FromSeconds(seconds), r.Duration);
        H.JsonEqual($"\"{new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds):yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"", r.Output!["t"]);
    }

    [Fact]
    public void Fail_with_ErrorPath_and_CausePath()
        => H.Fails(H.Run("""{ "StartAt": "F", "States": { "F": { "Type": "Fail", "ErrorPath": "$.e", "CausePath": "States.Format('bad {}', $.n)" } } }""", """{ "e": "MyError", "n": 3 }"""),
            "MyError", "bad 3");

    [Fact]
    public void Retry_with_backoff_and_max_delay_in_virtual_time_then_succeeds()
    {
        var asl = """
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "f" },
              "Retry": [ { "ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 10, "MaxDelaySeconds": 15 } ],
              "OutputPath": "$.Payload", "End": true } } }
            """;
        var r = H.Run(asl, "{}", runner => runner.OnTask("T", call => call.Attempt < 2 ? throw new TaskFailedException("Lambda.TooManyRequestsException", "slow down") : new { ok = call.Attempt }));
        H.Succeeds(r, """{ "ok": 2 }""");
        Assert.Equal(TimeSpan.FromSeconds(2 + 15), r.Duration); // 2, then min(20, 15)
        Assert.Equal(3, r.TaskCalls.Count);
        Assert.Equal(3, r.StateTransitions); // one state entered + two retries
    }

    [Fact]
    public void Retry_exhausted_goes_to_catch_with_error_output_at_ResultPath()
    {
        var asl = """
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": { "TopicArn": "t", "Message": "m" },
                     "Retry": [ { "ErrorEquals": ["States.TaskFailed"], "MaxAttempts": 2, "IntervalSeconds": 1 } ],
                     "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Handled" } ], "End": true },
              "Handled": { "Type": "Pass", "End": true } } }
            """;
        var r = H.Run(asl, """{ "keep": 1 }""", runner => runner.OnTask("T", _ => throw new TaskFailedException("SNS.Boom", "it broke")));
        H.Succeeds(r, """{ "keep": 1, "error": { "Error": "SNS.Boom", "Cause": "it broke" } }""");
        Assert.Equal(new[] { "T", "Handled" }, r.StatesEntered);
        Assert.Equal(3, r.TaskCalls.Count);
        Assert.Equal(TimeSpan.FromSeconds(1 + 2), r.Duration);
    }

    [Fact]
    public void Full_jitter_is_seeded()
    {
        var asl = """
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "Retry": [ { "ErrorEquals": ["E"], "IntervalSeconds": 100, "MaxAttempts": 1, "JitterStrategy": "FULL" } ], "End": true } } }
            """;
        TimeSpan Run(int seed) => LocalRunner.FromAsl(asl).Configure(o => o.Seed = seed).OnTask("T", c => c.Attempt == 0 ? throw new TaskFailedException("E") : 1).Run().Duration;
        Assert.Equal(Run(1), Run(1));
        Assert.True(Run(1) < TimeSpan.FromSeconds(100));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void TaskFailed_does_not_match_Timeout_but_ALL_does()
    {
        var asl = """
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "r", "TimeoutSeconds": 5,
                     "Catch": [ { "ErrorEquals": ["States.TaskFailed"], "Next": "ByTaskFailed" }, { "ErrorEquals": ["States.ALL"], "Next": "ByAll" } ], "End": true },
              "ByTaskFailed": { "Type": "Succeed" }, "ByAll": { "Type": "Succeed" } } }
            """;
        var r = H.Run(asl, "{}", runner => runner.OnTask("T", async call => { await call.Delay(TimeSpan.FromMinutes(1)); return null; }));
        Assert.Equal(new[] { "T", "ByAll" }, r.StatesEntered);
        Assert.Contains(r.History, e => e.Type == "TaskTimedOut");
        Assert.Equal(TimeSpan.FromSeconds(5), r.Duration);
    }

    [Fact]
    public void Runtime_errors_are_not_caught_by_States_ALL()
    {
        var asl = """
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "r", "Parameters": { "x.$": "$.missing" }, "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "C" } ], "End": true },
              "C": { "Type": "Succeed" } } }
            """;
        H.Fails(H.Run(asl, "{}", runner => runner.OnTask("T", _ => 1)), "States.Runtime");
    }

    [Fact]
    public void Machine_TimeoutSeconds_times_out_the_execution()
    {
        var r = H.Run("""{ "TimeoutSeconds": 60, "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 3600, "End": true } } }""");
        Assert.Equal(ExecutionStatus.TimedOut, r.Status);
        Assert.Equal("States.Timeout", r.Error);
        Assert.Equal(TimeSpan.FromSeconds(60), r.Duration);
        Assert.Equal("ExecutionTimedOut", r.History[^1].Type);
    }

    [Fact]
    public void Parallel_runs_branches_concurrently_in_virtual_time()
    {
        var asl = """
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "End": true, "Branches": [
              { "StartAt": "A", "States": { "A": { "Type": "Wait", "Seconds": 10, "Next": "A2" }, "A2": { "Type": "Pass", "Result": "a", "End": true } } },
              { "StartAt": "B", "States": { "B": { "Type": "Wait", "Seconds": 20, "Next": "B2" }, "B2": { "Type": "Pass", "Result": "b", "End": true } } } ] } } }
            """;
        var r = H.Run(asl);
        H.Succeeds(r, """["a", "b"]""");
        Assert.Equal(TimeSpan.FromSeconds(20), r.Duration);
    }

    [Fact]
    public void Parallel_branch_failure_fails_the_state_and_stops_the_others()
    {
        var asl = """
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "Next": "After", "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Caught" } ], "Branches": [
              { "StartAt": "Slow", "States": { "Slow": { "Type": "Wait", "Seconds": 100, "Next": "Never" }, "Never": { "Type": "Pass", "End": true } } },
              { "StartAt": "Boom", "States": { "Boom": { "Type": "Fail", "Error": "Branch.Failed", "Cause": "no" } } } ] },
              "After": { "Type": "Succeed" }, "Caught": { "Type": "Pass", "End": true } } }
            """;
        var r = H.Run(asl);
        H.Succeeds(r, """{ "Error": "Branch.Failed", "Cause": "no" }""");
        Assert.DoesNotContain("Never", r.StatesEntered);
        Assert.Equal(TimeSpan.Zero, r.Duration);
    }

    [Fact]
    public void Map_with_ItemSelector_context_item_and_MaxConcurrency()
    {
        var asl = """
            { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
              "ItemSelector": { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag" },
              "ItemProcessor": { "ProcessorConfig": { "Mode": "INLINE" }, "StartAt": "W", "States": {
                "W": { "Type": "Wait", "Seconds": 10, "Next": "P" }, "P": { "Type": "Pass", "End": true } } },
              "ResultPath": "$.out", "End": true } } }
            """;
        var r = H.Run(asl, """{ "items": ["a", "b", "c"], "tag": "t" }""");
        H.Succeeds(r, """{ "items": ["a","b","c"], "tag": "t", "out": [ { "value": "a", "index": 0, "tag": "t" }, { "value": "b", "index": 1, "tag": "t" }, { "value": "c", "index": 2, "tag": "t" } ] }""");
        Assert.Equal(TimeSpan.FromSeconds(20), r.Duration); // two at a time: 10 s + 10 s
    }

    [Fact]
    public void Distributed_map_with_ItemReader_batcher_tolerated_failures_and_ResultWriter()
    {
        var asl = """
            { "StartAt": "M", "States": { "M": { "Type": "Map",
              "ItemReader": { "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": { "InputType": "JSON" }, "Parameters": { "Bucket": "b", "Key": "k" } },
              "ItemBatcher": { "MaxItemsPerBatch": 2, "BatchInput": { "run.$": "$.run" } },
              "ToleratedFailureCount": 1,
              "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" }, "StartAt": "T", "States": {
                "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "f", "Payload.$": "$" }, "OutputPath": "$.Payload", "End": true } } },
              "ResultWriter": { "Resource": "arn:aws:states:::s3:putObject", "Parameters": { "Bucket": "results", "Prefix": "out" } },
              "End": true } } }
            """;
        var runner = LocalRunner.FromAsl(asl, "dist")
            .WithItems("M", new[] { 1, 2, 3, 4, 5 })
            .OnTask("T", call => call.Input["Payload"]!["Items"]!.Items.Any(i => i.Text == "5") ? throw new TaskFailedException("Bad") : call.Input["Payload"]);
        var r = runner.Run("""{ "run": "r1" }""");
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        H.JsonEqual("\"results\"", r.Output!["ResultWriterDetails"]!["Bucket"]);
        var written = r.ResultWriterOutputs["M"];
        Assert.Equal(3, written.Items.Count);
        H.JsonEqual("""{ "BatchInput": { "run": "r1" }, "Items": [1, 2] }""", written.Items[0]);

        var strict = LocalRunner.FromAsl(asl.Replace("\"ToleratedFailureCount\": 1,", ""), "dist").WithItems("M", new[] { 1, 2, 5 })
            .OnTask("T", call => call.Input["Payload"]!["Items"]!.Items.Any(i => i.Text == "5") ? throw new TaskFailedException("Bad") : call.Input["Payload"]).Run("""{ "run": "r2" }""");
        H.Fails(strict, "States.ExceedToleratedFailureThreshold");
    }

    [Fact]
    public void Inline_map_iteration_failure_fails_the_map()
    {
        var asl = """
            { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemProcessor": { "StartAt": "C", "States": {
                "C": { "Type": "Choice", "Choices": [ { "Variable": "$", "NumericEquals": 2, "Next": "F" } ], "Default": "OK" },
                "F": { "Type": "Fail", "Error": "Two" }, "OK": { "Type": "Succeed" } } }, "End": true } } }
            """;
        H.Fails(H.Run(asl, "[1, 2, 3]"), "Two");
    }

    [Fact]
    public void Variables_assign_read_and_scope()
    {
        var asl = """
            { "StartAt": "A", "States": {
              "A": { "Type": "Pass", "Assign": { "count": 1, "who.$": "$.name" }, "Next": "P" },
              "P": { "Type": "Parallel", "Branches": [ { "StartAt": "Inner", "States": { "Inner": { "Type": "Pass", "Assign": { "count": 99 }, "Parameters": { "seen.$": "$count", "who.$": "$who" }, "End": true } } } ],
                     "Assign": { "fromBranch.$": "$[0].seen" }, "Next": "B" },
              "B": { "Type": "Pass", "Parameters": { "count.$": "$count", "fromBranch.$": "$fromBranch", "who.$": "$who" }, "End": true } } }
            """;
        H.Succeeds(H.Run(asl, """{ "name": "ann" }"""), """{ "count": 1, "fromBranch": 1, "who": "ann" }""");
    }

    [Fact]
    public void Payload_over_256_KiB_is_DataLimitExceeded_and_not_caught_by_States_ALL()
    {
        var asl = """
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "C" } ], "End": true }, "C": { "Type": "Succeed" } } }
            """;
        H.Fails(H.Run(asl, "{}", runner => runner.OnTask("T", _ => new string('x', 300_000))), "States.DataLimitExceeded");
        Assert.Equal(ExecutionStatus.Succeeded, H.Run(asl, "{}", runner => runner.OnTask("T", _ => new string('x', 200_000))).Status);
    }

    [Fact]
    public void JSONata_machine_is_refused_with_the_state_named()
    {
        var e = Assert.Throws<LocalRunnerException>(() => LocalRunner.FromAsl("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" }, "B": { "Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% 1 %}", "End": true } } }"""));
        Assert.Contains("'B'", e.Message);
        Assert.Contains("JSONata is not supported by the local runner yet", e.Message);
    }

    [Fact]
    public void Task_without_handler_fails_naming_the_state_and_how_to_bind_it()
    {
        var r = H.Run("""{ "StartAt": "Load data", "States": { "Load data": { "Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun.sync", "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "C" } ], "End": true }, "C": { "Type": "Succeed" } } }""");
        H.Fails(r, "Flowstate.Local.NoTaskHandler", "runner.OnTask(\"Load data\"");
    }

    [Fact]
    public void Lambda_invoke_result_is_wrapped_as_AWS_returns_it()
    {
        var r = H.Run("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "f", "Payload.$": "$" }, "ResultSelector": { "rows.$": "$.Payload.rows", "code.$": "$.StatusCode" }, "End": true } } }""",
            """{ "day": 1 }""", runner => runner.OnResource("f", call => new { rows = call.Input["Payload"]!["day"]!.AsDouble() * 10 }));
        H.Succeeds(r, """{ "rows": 10, "code": 200 }""");
    }

    [Fact]
    public void WaitForTaskToken_handler_completes_the_token_after_heartbeats()
    {
        var asl = """
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 60, "TimeoutSeconds": 3600,
              "Parameters": { "QueueUrl": "q", "MessageBody": { "token.$": "$$.Task.Token" } }, "End": true } } }
            """;
        var r = H.Run(asl, "{}", runner => runner.OnTask("T", async call =>
        {
            Assert.Equal(call.TaskToken, call.Input["MessageBody"]!["token"]!.Text);
            for (var i = 0; i < 5; i++) { await call.Delay(TimeSpan.FromSeconds(50)); call.SendTaskHeartbeat(); }
            call.SendTaskSuccess(new { approved = true });
            return null;
        }));
        Assert.True(r.Status == ExecutionStatus.Succeeded, string.Join("\n", r.History.Select(e => $"{e.Timestamp:HH:mm:ss} {e} {e.Details}")) + r);
        H.Succeeds(r, """{ "approved": true }""");
        Assert.Equal(TimeSpan.FromSeconds(250), r.Duration);

        var missed = H.Run(asl, "{}", runner => runner.OnTask("T", _ => (object?)null));
        H.Fails(missed, "States.HeartbeatTimeout");
        Assert.Equal(TimeSpan.FromSeconds(60), missed.Duration);
    }

    [Fact]
    public void History_has_Step_Functions_events_with_virtual_timestamps()
    {
        var r = H.Run("""{ "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "f" }, "Next": "W" }, "W": { "Type": "Wait", "Seconds": 5, "End": true } } }""",
            "{}", runner => runner.OnTask("T", _ => 1));
        Assert.Equal(new[] { "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded" },
            r.History.Select(e => e.Type));
        Assert.Equal(r.StartTime.AddSeconds(5), r.History[^1].Timestamp);
        Assert.Equal(2, r.StateTransitions);
    }

    [Fact]
    public void Invalid_definitions_cannot_run_and_say_why()
    {
        Assert.Contains("'Nowhere'", Assert.Throws<LocalRunnerException>(() => LocalRunner.FromAsl("""{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Nowhere" } } }""")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<LocalRunnerException>(() => LocalRunner.FromAsl("{ nope")).Message);
        Assert.Contains("InputPath", Assert.Throws<LocalRunnerException>(() => LocalRunner.FromAsl(H.PassMachine("\"InputPath\": \"nope\""))).Message);
    }

    [Fact]
    public void TestState_reports_the_data_after_each_step()
    {
        var runner = LocalRunner.FromAsl("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.data",
              "Parameters": { "FunctionName": "f", "Payload.$": "$" }, "ResultSelector": { "n.$": "$.Payload.n" }, "ResultPath": "$.result", "OutputPath": "$.result",
              "Retry": [ { "ErrorEquals": ["Retryable"] } ], "Catch": [ { "ErrorEquals": ["States.ALL"], "Next": "Handle" } ], "Next": "Done" },
              "Handle": { "Type": "Pass", "End": true }, "Done": { "Type": "Succeed" } } }
            """).OnTask("T", call => call.Input["Payload"]!["fail"] is { } f ? throw new TaskFailedException(f.Text!) : new { n = 3 });
        var ok = runner.TestState("T", """{ "data": { "x": 1 } }""");
        Assert.Equal("SUCCEEDED", ok.Status);
        Assert.Equal("Done", ok.NextState);
        H.JsonEqual("""{ "x": 1 }""", ok.AfterInputPath);
        H.JsonEqual("""{ "FunctionName": "f", "Payload": { "x": 1 } }""", ok.AfterParameters);
        H.JsonEqual("3", ok.Result!["Payload"]!["n"]);
        H.JsonEqual("""{ "n": 3 }""", ok.AfterResultSelector);
        H.JsonEqual("""{ "data": { "x": 1 }, "result": { "n": 3 } }""", ok.AfterResultPath);
        H.JsonEqual("""{ "n": 3 }""", ok.Output);
        Assert.Equal("RETRIABLE", runner.TestState("T", """{ "data": { "fail": "Retryable" } }""").Status);
        var caught = runner.TestState("T", """{ "data": { "fail": "Other" } }""");
        Assert.Equal("CAUGHT_ERROR", caught.Status);
        Assert.Equal("Handle", caught.NextState);
    }
}

public class LimitTests
{
    [Fact]
    public void A_loop_that_never_ends_stops_at_the_history_limit()
    {
        var r = H.Run("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Seconds": 30, "Next": "C" }, "C": { "Type": "Choice", "Choices": [ { "Variable": "$.done", "BooleanEquals": true, "Next": "D" } ], "Default": "W" }, "D": { "Type": "Succeed" } } }""",
            """{ "done": false }""");
        H.Fails(r, "States.Runtime", "25,000");
        Assert.True(r.History.Count <= 25_001);
    }
}
