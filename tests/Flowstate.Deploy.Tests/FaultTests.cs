using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>Deploys through a proxy that throttles, fails, drops and delays; interrupted deploys; clear errors.</summary>
[Collection(MotoCollection.Name)]
public sealed class FaultTests : IAsyncLifetime
{
    private readonly MotoServer _moto;
    private AwsProxy _proxy = null!;

    public FaultTests(MotoServer moto) => _moto = moto;

    public Task InitializeAsync()
    {
        _moto.Reset();
        _proxy = new AwsProxy(_moto.Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    private static Fault? Chaos(ProxyCall call) => (call.Operation, call.Attempt) switch
    {
        ("DescribeStacks", 1) => new Fault(FaultKind.Throttle),
        ("DescribeChangeSet", 1) => new Fault(FaultKind.DropBeforeForward),
        ("CreateChangeSet", 1) => new Fault(FaultKind.DropAfterForward), // applied, the answer is lost
        ("CreateChangeSet", 2) => new Fault(FaultKind.ServerError),
        ("ExecuteChangeSet", 1) => new Fault(FaultKind.DropAfterForward),
        ("DescribeStackEvents", 1) => new Fault(FaultKind.ServerError),
        ("GetTemplate", 1) => new Fault(FaultKind.Slow, DelayMs: 4_000), // beyond the 3 s attempt timeout
        ("DeleteChangeSet", 1) => new Fault(FaultKind.Throttle),
        _ => null,
    };

    /// <summary>What moto holds for the app, as an independent client sees it.</summary>
    private string State() => Boto.Look(_moto.Url, """
stacks = [s for s in cf.list_stacks()["StackSummaries"] if s["StackStatus"] != "DELETE_COMPLETE"]
out["stacks"] = sorted((s["StackName"], s["StackStatus"]) for s in stacks)
out["machines"] = sorted(m["name"] for m in sf.list_state_machines()["stateMachines"])
out["definitions"] = sorted(sf.describe_state_machine(stateMachineArn=m["stateMachineArn"])["definition"] for m in sf.list_state_machines()["stateMachines"])
out["template"] = cf.get_template(StackName="orders-dev")["TemplateBody"] if stacks else None
out["pending"] = sorted(c["ChangeSetName"] for c in cf.list_change_sets(StackName="orders-dev")["Summaries"] if c["ExecutionStatus"] == "AVAILABLE") if stacks else []
""").ToJsonString();

    [Fact]
    public void DeployUnderFaults_EndsLikeACleanDeploy_WithNoDuplicateChange()
    {
        // The reference: a clean create + update.
        var clean = new DeployCli(_proxy.Url);
        Assert.Equal(0, clean.Run(TestApp.Stack(), "deploy").ExitCode);
        Assert.Equal(0, clean.Run(TestApp.Stack(maxAttempts: 5, archive: true), "deploy").ExitCode);
        var reference = State();

        _moto.Reset();
        _proxy.Clear();
        _proxy.Faults = Chaos;
        var cli = new DeployCli(_proxy.Url);
        var create = cli.Run(TestApp.Stack(), "deploy");
        Assert.True(create.ExitCode == 0, create.ToString());
        var update = cli.Run(TestApp.Stack(maxAttempts: 5, archive: true), "plan");
        Assert.True(update.ExitCode == 0, update.ToString());
        update = cli.Run(TestApp.Stack(maxAttempts: 5, archive: true), "deploy");
        Assert.True(update.ExitCode == 0, update.ToString());

        Assert.Equal(reference, State());
        var calls = _proxy.Calls;
        Assert.Contains(calls, c => c.Fault?.Kind == FaultKind.DropAfterForward);
        Assert.Contains(calls, c => c.Fault?.Kind == FaultKind.Slow);
        // Every retry of a write carried the same token, and each change reached moto exactly once.
        foreach (var op in new[] { "CreateChangeSet", "ExecuteChangeSet" })
        {
            var sent = calls.Where(c => c.Operation == op).ToArray();
            Assert.True(sent.Length > sent.Select(c => c.Token).Distinct().Count(), $"{op} was never retried: the fault plan did not bite");
            foreach (var group in sent.GroupBy(c => c.Token))
            {
                Assert.NotNull(group.Key);
                Assert.Single(group, c => c.Forwarded);
            }
        }
    }

    [Fact]
    public void InterruptedAfterCreateChangeSet_ConvergesOnRerun()
    {
        var cli = new DeployCli(_proxy.Url);
        using var cts = new CancellationTokenSource();
        _proxy.AfterForward = c => { if (c.Operation == "CreateChangeSet") cts.Cancel(); };
        var interrupted = cli.Run(TestApp.Stack(), cts.Token, "deploy");
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains("run the same command again", interrupted.Err);

        _proxy.Clear();
        var rerun = cli.Run(TestApp.Stack(), "deploy");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.DoesNotContain(_proxy.Calls, c => c.Operation == "CreateChangeSet"); // it found its change set
        Assert.Single(_proxy.Calls, c => c.Operation == "ExecuteChangeSet");
        var look = Boto.Look(_moto.Url, """out["stacks"] = [(s["StackName"], s["StackStatus"]) for s in cf.list_stacks()["StackSummaries"]]""");
        Assert.Equal("""[["orders-dev","CREATE_COMPLETE"]]""", look["stacks"]!.ToJsonString());
    }

    [Fact]
    public void InterruptedAfterExecute_ConvergesOnRerun()
    {
        var cli = new DeployCli(_proxy.Url);
        using var cts = new CancellationTokenSource();
        _proxy.AfterForward = c => { if (c.Operation == "ExecuteChangeSet") cts.Cancel(); };
        Assert.Equal(130, cli.Run(TestApp.Stack(), cts.Token, "deploy").ExitCode);
        _proxy.Clear();
        var rerun = cli.Run(TestApp.Stack(), "deploy");
        Assert.True(rerun.ExitCode == 0, rerun.ToString());
        Assert.Contains("No changes", rerun.Out);
        Assert.DoesNotContain(_proxy.Calls, c => c.IsWrite);
    }

    [Fact]
    public void AccessDenied_NamesTheActionAndResource()
    {
        _proxy.Faults = c => c.Operation == "CreateChangeSet" ? new Fault(FaultKind.AccessDenied) : null;
        var r = new DeployCli(_proxy.Url).Run(TestApp.Stack(), "deploy");
        Assert.Equal(ExitCodes.AwsAccess, r.ExitCode);
        Assert.Contains("error: Access denied: you are not allowed to call cloudformation:CreateChangeSet on arn:aws:cloudformation:us-east-1:123456789012:stack/daily-etl-dev/*", r.Err);
        Assert.Contains("hint: Ask for an IAM policy that allows cloudformation:CreateChangeSet", r.Err);
        Assert.DoesNotContain("   at ", r.All); // no stack trace
        Assert.Single(_proxy.Calls, c => c.Operation == "CreateChangeSet"); // not retried
    }

    [Fact]
    public void ExpiredToken_SaysHowToRefresh()
    {
        _proxy.Faults = _ => new Fault(FaultKind.ExpiredToken);
        var cli = new DeployCli(_proxy.Url);
        cli.Env["AWS_SESSION_TOKEN"] = "FwoGZXIvYXdzEXPIREDTOKEN000000000000";
        var r = cli.Run(TestApp.Stack(), "plan");
        Assert.Equal(ExitCodes.AwsAccess, r.ExitCode);
        Assert.Contains("error: Your AWS session token has expired (ExpiredToken on cloudformation:DescribeStacks).", r.Err);
        Assert.Contains("aws sso login", r.Err);
        Assert.DoesNotContain("   at ", r.All);
    }

    [Fact]
    public void EndpointDown_IsAClearErrorAfterRetries()
    {
        var cli = new DeployCli($"http://127.0.0.1:{MotoServer.FreePort()}");
        var r = cli.Run(TestApp.Stack(), "status");
        Assert.Equal(ExitCodes.AwsAccess, r.ExitCode);
        Assert.Contains("Could not reach cloudformation at http://127.0.0.1:", r.Err);
        Assert.Contains("after retrying", r.Err);
    }
}
