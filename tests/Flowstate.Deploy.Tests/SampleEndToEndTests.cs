using System.Text.Json.Nodes;
using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>
/// The deploy commands of samples/DailyEtl's generated Main, run as the program a user runs, with the
/// sample's own generated template and flowstate.dev.json, against moto_server through the recording,
/// fault-injecting proxy. (The other deploy tests drive the same commands in-process with a hand-written
/// template; these prove the generated program and template work end to end.)
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class SampleEndToEndTests : IAsyncLifetime
{
    private const string Region = "eu-central-1"; // from samples/DailyEtl/flowstate.dev.json
    private const string StackName = "daily-etl-dev";
    private const string CanaryKey = "AKIASAMPLECANARY4242";
    private const string CanarySecret = "sample/Canary+Secret/42424242424242424242424";
    private const string CanaryToken = "IQoJsampleCanarySessionToken4242424242424242";

    private readonly MotoServer _moto;
    private AwsProxy _proxy = null!;

    public SampleEndToEndTests(MotoServer moto) => _moto = moto;

    public Task InitializeAsync()
    {
        _moto.Reset();
        _proxy = new AwsProxy(_moto.Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    private SampleProgram Sample() => new()
    {
        Env =
        {
            ["AWS_ENDPOINT_URL"] = _proxy.Url,
            ["AWS_ACCESS_KEY_ID"] = CanaryKey,
            ["AWS_SECRET_ACCESS_KEY"] = CanarySecret,
            ["AWS_SESSION_TOKEN"] = CanaryToken,
        },
    };

    private static string SampleTemplate(SampleProgram sample)
    {
        var dir = Directory.CreateTempSubdirectory("flowstate-export-").FullName;
        var export = sample.Run("export", "--out", dir);
        Assert.True(export.ExitCode == 0, export.ToString());
        return File.ReadAllText(Path.Combine(dir, "daily-etl.template.json"));
    }

    /// <summary>What moto holds for the sample, as boto3 sees it (physical names, which moto randomises, left out).</summary>
    private JsonNode State() => Boto.Look(_moto.Url, Region, """
stacks = [s for s in cf.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"]
out["stacks"] = sorted((s["StackName"], s["StackStatus"]) for s in stacks)
out["machines"] = sorted(m["name"] for m in sf.list_state_machines()["stateMachines"])
if stacks:
    st = cf.describe_stacks(StackName="daily-etl-dev")["Stacks"][0]
    out["parameters"] = sorted((p["ParameterKey"], p["ParameterValue"]) for p in st.get("Parameters", []))
    out["tags"] = sorted((t["Key"], t["Value"]) for t in st.get("Tags", []))
    body = cf.get_template(StackName="daily-etl-dev")["TemplateBody"]
    out["template"] = json.loads(body) if isinstance(body, str) else body
    out["resources"] = sorted((r.get("LogicalResourceId") or "", r.get("ResourceType") or "", r["ResourceStatus"]) for r in cf.describe_stack_resources(StackName="daily-etl-dev")["StackResources"])
    out["pending"] = sorted(c["ChangeSetName"] for c in cf.list_change_sets(StackName="daily-etl-dev")["Summaries"] if c["ExecutionStatus"] == "AVAILABLE")
""");

    [Fact]
    public void Sample_Help_ListsTheDeployCommands_EachWithTheCommonOptions()
    {
        var sample = new SampleProgram();
        var usage = sample.Run("--help");
        Assert.True(usage.ExitCode == 0, usage.ToString());
        foreach (var command in new[] { "list", "export", "graph", "plan", "deploy", "start", "status", "destroy" })
            Assert.Matches($"(?m)^  {command} ", usage.Out);
        foreach (var command in new[] { "plan", "deploy", "start", "status", "destroy" })
        {
            var help = sample.Run(command, "--help");
            Assert.True(help.ExitCode == 0, help.ToString());
            foreach (var option in new[] { "--stage", "--region", "--profile", "--endpoint-url", "--output <json|text>", "--values", "--verbose" })
                Assert.Contains(option, help.Out);
        }
        var missing = sample.Run("start");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error: Required argument missing for command: 'start'.", missing.Err);
        var unknown = sample.Run("deploy", "--bogus");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Run 'DailyEtl deploy --help' for usage.", unknown.Err);
    }

    [Fact]
    public void Sample_Plan_WithoutCredentials_SaysWhereItLookedAndHowToFix()
    {
        var sample = new SampleProgram(); // no AWS_* variable at all, an empty HOME
        var r = sample.Run("plan");
        Assert.Equal(ExitCodes.AwsAccess, r.ExitCode);
        Assert.StartsWith("error: No AWS credentials were found. Looked in:", r.Err, StringComparison.Ordinal);
        Assert.Contains("environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY", r.Err);
        Assert.Contains($"profile 'default' in {Path.Combine(sample.Home, ".aws", "credentials")} and {Path.Combine(sample.Home, ".aws", "config")}", r.Err);
        Assert.Contains("EC2 instance metadata", r.Err);
        Assert.Contains("hint: Run 'aws configure'", r.Err);
        Assert.DoesNotContain("   at ", r.All); // no stack trace
        Assert.DoesNotContain("Exception", r.All);
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void Sample_Plan_Deploy_NoOp_Status_Start_Change_Destroy()
    {
        var sample = Sample();
        var template = SampleTemplate(sample);
        var calls = new List<ProxyCall>();
        void Collect() { calls.AddRange(_proxy.Calls); _proxy.Clear(); }

        // plan of a new stack: computed locally, no write call
        var plan = sample.Run("plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"Plan for new stack {StackName} ({Region}):", plan.Out);
        Assert.Contains("+ Add     DailyEtlPipeline  AWS::StepFunctions::StateMachine", plan.Out);
        Assert.Contains("+ Add     DailyEtlPipelineSchedule  AWS::Scheduler::Schedule", plan.Out);
        Assert.Contains("State machine DailyEtlPipeline (daily-etl):", plan.Out);
        Assert.Contains("new state machine: 9 states, starts at ExtractData", plan.Out);
        Assert.Contains("Schedule DailyEtlPipelineSchedule: cron(0 2 * * ? *) (new), time zone Europe/Berlin", plan.Out);
        Assert.DoesNotContain(_proxy.Calls, c => c.IsWrite);
        Collect();

        // first deploy (with the request log on)
        var deploy = sample.Run("deploy", "--verbose");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains($"Creating stack {StackName} in {Region}", deploy.Out);
        Assert.Contains($"Stack {StackName} is CREATE_COMPLETE.", deploy.Out);
        Assert.Contains("-> cloudformation CreateChangeSet", deploy.Err);
        var state = State();
        Assert.Equal($"[[\"{StackName}\",\"CREATE_COMPLETE\"]]", state["stacks"]!.ToJsonString());
        Assert.Equal("""["daily-etl"]""", state["machines"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(template), state["template"]), "moto holds a different template than the sample generated");
        Assert.Contains("""["flowstate:app","DailyEtl"]""", state["tags"]!.ToJsonString());
        Assert.Contains("""["flowstate:stage","dev"]""", state["tags"]!.ToJsonString());
        Assert.Contains("""["team","data"]""", state["tags"]!.ToJsonString());
        Assert.Contains("""["TransformJobName","daily-etl-transform-dev"]""", state["parameters"]!.ToJsonString());
        Assert.Equal("[]", state["pending"]!.ToJsonString());
        Collect();

        // a redeploy of the same build: "no changes", not one write call
        var again = sample.Run("deploy");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("No changes", again.Out);
        Assert.NotEmpty(_proxy.Calls);
        Assert.DoesNotContain(_proxy.Calls, c => c.IsWrite);
        Collect();

        // status
        var status = sample.Run("status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains($"Stack {StackName} ({Region}): CREATE_COMPLETE", status.Out);
        Assert.Contains("State machine daily-etl (arn:aws:states:eu-central-1:123456789012:stateMachine:daily-etl):", status.Out);

        // start --wait with the input from a file. moto answers every execution's history with the
        // same canned events (a Pass state, then success) and never ends the execution itself, so
        // what this shows is the following and the exit code, not the sample's own states.
        var input = Path.Combine(sample.WorkingDirectory, "input.json");
        File.WriteAllText(input, """{ "source": "orders", "runDate": "2026-12-01T01:00:00Z" }""");
        var start = sample.Run("start", "daily-etl", "--input", "@input.json", "--wait", "--name", "sample-run-1");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("Started arn:aws:states:eu-central-1:123456789012:execution:daily-etl:sample-run-1", start.Out);
        Assert.Contains("Execution SUCCEEDED.", start.Out);
        var look = Boto.Look(_moto.Url, Region, """
out["input"] = sf.describe_execution(executionArn="arn:aws:states:eu-central-1:123456789012:execution:daily-etl:sample-run-1")["input"]
""");
        Assert.Equal("""{ "source": "orders", "runDate": "2026-12-01T01:00:00Z" }""", (string?)look["input"]);
        status = sample.Run("status", "--output", "json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("sample-run-1", JsonNode.Parse(status.Out)!["machines"]![0]!["lastExecutions"]!.ToJsonString());
        Collect();

        // a change: an earlier build of the pipeline (TransformData retried twice, run at 03:00) is
        // what runs; the sample's plan shows, state by state, what its deploy changes back.
        var earlier = JsonNode.Parse(template)!;
        var definition = earlier["Resources"]!["DailyEtlPipeline"]!["Properties"]!["Definition"]!;
        Assert.Equal(3, (int)definition["States"]!["TransformData"]!["Retry"]![0]!["MaxAttempts"]!);
        definition["States"]!["TransformData"]!["Retry"]![0]!["MaxAttempts"] = 2;
        earlier["Resources"]!["DailyEtlPipelineSchedule"]!["Properties"]!["ScheduleExpression"] = "cron(0 3 * * ? *)";
        var earlierBuild = new DeployStack("DailyEtl", "daily-etl", earlier.ToJsonString(), new[] { "daily-etl" });
        var rollBack = new DeployCli(_proxy.Url, File.ReadAllText(SampleProgram.ValuesFile)).Run(earlierBuild, "deploy", "--yes");
        Assert.True(rollBack.ExitCode == 0, rollBack.ToString());
        Collect();

        var diff = sample.Run("plan");
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains($"Plan for stack {StackName} ({Region}):", diff.Out);
        Assert.Contains("~ Modify  DailyEtlPipeline  AWS::StepFunctions::StateMachine", diff.Out);
        Assert.Contains("TransformData: Retry[0].MaxAttempts 2 -> 3", diff.Out);
        Assert.Contains("Schedule DailyEtlPipelineSchedule: cron(0 3 * * ? *) -> cron(0 2 * * ? *), time zone Europe/Berlin", diff.Out);
        var runs = diff.Out.Split('\n').Single(l => l.Contains("next runs:", StringComparison.Ordinal));
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(runs, @"\d{4}-\d{2}-\d{2} 02:00 Europe/Berlin \((00|01):00 UTC\)").Count);
        Assert.Equal(new[] { "CreateChangeSet", "DeleteChangeSet" }, _proxy.Calls.Where(c => c.IsWrite).Select(c => c.Operation).ToArray());
        Assert.Equal("[]", State()["pending"]!.ToJsonString()); // plan leaves nothing behind
        Collect();

        var apply = sample.Run("deploy");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains($"Updating stack {StackName} in {Region}", apply.Out);
        Assert.Contains("TransformData: Retry[0].MaxAttempts 2 -> 3", apply.Out);
        Assert.Contains($"Stack {StackName} is UPDATE_COMPLETE.", apply.Out);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(template), State()["template"]), "the deploy did not bring the sample's template back");
        Collect();

        // destroy: refused without a confirmation (no terminal), done with --yes
        var refused = sample.Run("destroy");
        Assert.Equal(ExitCodes.NotConfirmed, refused.ExitCode);
        Assert.Contains("hint: Run again with --yes.", refused.Err);
        var destroy = sample.Run("destroy", "--yes");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Contains($"Stack {StackName} deleted.", destroy.Out);
        state = State();
        Assert.Equal("[]", state["stacks"]!.ToJsonString());
        Assert.Equal("[]", state["machines"]!.ToJsonString());
        Collect();

        // Every CloudFormation and Step Functions request of the session matches botocore's model.
        var cfn = ServiceModel.Load("cloudformation", "2010-05-15");
        var sfn = ServiceModel.Load("stepfunctions", "2016-11-23");
        Assert.Contains(calls, c => c.Service == "states");
        foreach (var c in calls.Where(c => c.AccessKeyId == CanaryKey))
        {
            var problems = c.Service switch
            {
                "cloudformation" => cfn.CheckQuery(c.Body),
                "states" => sfn.CheckJson(c.Operation, c.Body),
                _ => new List<string> { $"unexpected service {c.Service} ({c.Operation})" },
            };
            Assert.True(problems.Count == 0, $"{c.Service} {c.Operation}: {string.Join("; ", problems)}");
        }

        // The canary credentials went over the wire (signed requests) but never into any output.
        Assert.Contains(calls, c => c.AccessKeyId == CanaryKey);
        foreach (var run in sample.History)
            foreach (var canary in new[] { CanaryKey, CanarySecret, CanaryToken, "canary" })
                Assert.False(run.All.Contains(canary, StringComparison.OrdinalIgnoreCase), $"'{canary}' leaked:\n{run}");
    }

    [Fact]
    public void Sample_KilledMidDeploy_ConvergesOnRerun()
    {
        var sample = Sample();
        var template = SampleTemplate(sample);

        // Killed right after CloudFormation accepted the change set...
        var first = sample.Run(new[] { "deploy" }, _proxy, c => c.Operation == "CreateChangeSet");
        Assert.Equal(-9, first.ExitCode);
        Assert.Contains(_proxy.Calls, c => c.Operation == "CreateChangeSet" && c.Forwarded);
        _proxy.Clear();

        // ... then right after it was told to execute it ...
        var second = sample.Run(new[] { "deploy" }, _proxy, c => c.Operation == "ExecuteChangeSet");
        Assert.Equal(-9, second.ExitCode);
        Assert.DoesNotContain(_proxy.Calls, c => c.Operation == "CreateChangeSet"); // it found the change set of the killed run
        Assert.Single(_proxy.Calls, c => c.Operation == "ExecuteChangeSet" && c.Forwarded);
        _proxy.Clear();

        // ... and a plain re-run converges: the stack the sample describes, once, nothing pending.
        var third = sample.Run("deploy");
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.DoesNotContain(_proxy.Calls, c => c.Operation is "CreateChangeSet" or "ExecuteChangeSet");
        var state = State();
        Assert.Equal($"[[\"{StackName}\",\"CREATE_COMPLETE\"]]", state["stacks"]!.ToJsonString());
        Assert.Equal("""["daily-etl"]""", state["machines"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(template), state["template"]));
        Assert.Equal("[]", state["pending"]!.ToJsonString());
    }

    [Fact]
    public void Sample_DeployUnderFaults_EndsLikeACleanDeploy_AndAccessErrorsAreClear()
    {
        // The reference: a clean deploy of the sample.
        var sample = Sample();
        Assert.Equal(0, sample.Run("deploy").ExitCode);
        var reference = State().ToJsonString();

        _moto.Reset();
        _proxy.Clear();
        _proxy.Faults = call => (call.Operation, call.Attempt) switch
        {
            ("DescribeStacks", 1) => new Fault(FaultKind.Throttle),
            ("DescribeChangeSet", 1) => new Fault(FaultKind.DropBeforeForward),
            ("CreateChangeSet", 1) => new Fault(FaultKind.DropAfterForward), // applied; the answer is lost
            ("CreateChangeSet", 2) => new Fault(FaultKind.ServerError),
            ("ExecuteChangeSet", 1) => new Fault(FaultKind.DropAfterForward),
            ("DescribeStackEvents", 1) => new Fault(FaultKind.ServerError),
            ("DescribeStackResources" or "GetTemplate", 1) => new Fault(FaultKind.Slow, DelayMs: 1_500),
            _ => null,
        };
        var faulted = sample.Run("deploy");
        Assert.True(faulted.ExitCode == 0, faulted.ToString());
        Assert.Equal(reference, State().ToJsonString());
        var calls = _proxy.Calls;
        foreach (var kind in new[] { FaultKind.Throttle, FaultKind.ServerError, FaultKind.DropBeforeForward, FaultKind.DropAfterForward })
            Assert.Contains(calls, c => c.Fault?.Kind == kind);
        foreach (var op in new[] { "CreateChangeSet", "ExecuteChangeSet" })
        {
            var sent = calls.Where(c => c.Operation == op).ToArray();
            Assert.True(sent.Length > 1, $"{op} was never retried: the fault plan did not bite");
            Assert.Single(sent.Select(c => c.Token).Distinct()); // every retry carried the same idempotency token
            Assert.Single(sent, c => c.Forwarded); // and the change reached CloudFormation once
        }
        var status = sample.Run("status"); // a slow answer is waited for, not given up on
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains(_proxy.Calls, c => c.Fault?.Kind == FaultKind.Slow);

        // Access denied and an expired session: what happened and what to do, no stack trace.
        _proxy.Clear();
        _proxy.Faults = c => c.Operation == "DescribeStacks" ? new Fault(FaultKind.AccessDenied) : null;
        var denied = sample.Run("plan");
        Assert.Equal(ExitCodes.AwsAccess, denied.ExitCode);
        Assert.Contains("error: Access denied: you are not allowed to call cloudformation:DescribeStacks on ", denied.Err);
        Assert.Contains("hint: Ask for an IAM policy that allows cloudformation:DescribeStacks", denied.Err);
        _proxy.Faults = _ => new Fault(FaultKind.ExpiredToken);
        var expired = sample.Run("deploy");
        Assert.Equal(ExitCodes.AwsAccess, expired.ExitCode);
        Assert.Contains("error: Your AWS session token has expired", expired.Err);
        Assert.Contains("hint: Refresh your credentials: aws sso login", expired.Err);
        foreach (var r in new[] { denied, expired })
        {
            Assert.DoesNotContain("   at ", r.All);
            Assert.DoesNotContain(CanarySecret, r.All);
        }
    }
}
