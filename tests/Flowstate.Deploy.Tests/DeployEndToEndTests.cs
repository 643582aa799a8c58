using System.Text.Json.Nodes;
using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>The five commands end to end against moto_server, through the recording proxy.</summary>
[Collection(MotoCollection.Name)]
public sealed class DeployEndToEndTests : IAsyncLifetime
{
    private readonly MotoServer _moto;
    private AwsProxy _proxy = null!;

    public DeployEndToEndTests(MotoServer moto) => _moto = moto;

    public Task InitializeAsync()
    {
        _moto.Reset();
        _proxy = new AwsProxy(_moto.Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public void Deploy_NoOpRedeploy_PlanDiff_Apply_Start_Status_Destroy()
    {
        var cli = new DeployCli(_proxy.Url);

        // 1. first deploy
        var first = cli.Run(TestApp.Stack(), "deploy");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Creating stack orders-dev", first.Out);
        Assert.Contains("CREATE_COMPLETE", first.Out);

        // visible to an independent client
        var look = Boto.Look(_moto.Url, """
m = [x for x in sf.list_state_machines()["stateMachines"] if x["name"] == "orders-etl"][0]
out["arn"] = m["stateMachineArn"]
out["definition"] = json.loads(sf.describe_state_machine(stateMachineArn=m["stateMachineArn"])["definition"])
out["stack"] = cf.describe_stacks(StackName="orders-dev")["Stacks"][0]
""");
        var arn = (string)look["arn"]!;
        Assert.Equal(3, (int)look["definition"]!["States"]!["TransformData"]!["Retry"]![0]!["MaxAttempts"]!);
        Assert.Equal("CREATE_COMPLETE", (string?)look["stack"]!["StackStatus"]);
        Assert.Contains(look["stack"]!["Tags"]!.AsArray(), t => (string?)t!["Key"] == "flowstate:app" && (string?)t["Value"] == TestApp.App);

        // 2. no-op redeploy: zero write calls
        _proxy.Clear();
        var again = cli.Run(TestApp.Stack(), "deploy");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("No changes", again.Out);
        Assert.NotEmpty(_proxy.Calls);
        Assert.DoesNotContain(_proxy.Calls, c => c.IsWrite);

        // 3. a change: the plan shows the state-level diff and leaves nothing behind
        _proxy.Clear();
        var changed = TestApp.Stack(maxAttempts: 5, archive: true);
        var plan = cli.Run(changed, "plan");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("~ Modify  OrdersEtl", plan.Out);
        Assert.Contains("TransformData: Retry[0].MaxAttempts 3 -> 5", plan.Out);
        Assert.Contains("TransformData: Next Done -> Archive", plan.Out);
        Assert.Contains("state Archive added", plan.Out);
        var afterPlan = Boto.Look(_moto.Url, """out["sets"] = [s["ChangeSetName"] for s in cf.list_change_sets(StackName="orders-dev")["Summaries"]]""");
        Assert.DoesNotContain(afterPlan["sets"]!.AsArray(), n => ((string?)n)!.StartsWith("flowstate-plan-", StringComparison.Ordinal));
        Assert.Equal(new[] { "CreateChangeSet", "DeleteChangeSet" }, _proxy.Calls.Where(c => c.IsWrite).Select(c => c.Operation).ToArray());

        // ... and the deploy applies it
        var apply = cli.Run(changed, "deploy");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("Updating stack orders-dev", apply.Out);
        look = Boto.Look(_moto.Url, $$"""out["definition"] = json.loads(sf.describe_state_machine(stateMachineArn="{{arn}}")["definition"])""");
        Assert.Equal(5, (int)look["definition"]!["States"]!["TransformData"]!["Retry"]![0]!["MaxAttempts"]!);
        Assert.NotNull(look["definition"]!["States"]!["Archive"]);

        // 4. start an execution
        var start = cli.Run(changed, "start", "orders-etl", "--input", """{"day": "2026-12-01"}""", "--name", "e2e-run-1");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("execution:orders-etl:e2e-run-1", start.Out);

        // 5. status
        var status = cli.Run(changed, "status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("Stack orders-dev (us-east-1): UPDATE_COMPLETE", status.Out);
        Assert.Contains("e2e-run-1", status.Out);
        look = Boto.Look(_moto.Url, $$"""out["names"] = [e["name"] for e in sf.list_executions(stateMachineArn="{{arn}}")["executions"]]""");
        Assert.Contains("e2e-run-1", look["names"]!.AsArray().Select(n => (string?)n));

        // 6. destroy (needs --yes when nobody can be asked)
        var refused = cli.Run(changed, "destroy");
        Assert.Equal(ExitCodes.NotConfirmed, refused.ExitCode);
        var destroy = cli.Run(changed, "destroy", "--yes");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        look = Boto.Look(_moto.Url, """
out["gone"] = err(lambda: cf.describe_stacks(StackName="orders-dev"))
out["machines"] = [m["name"] for m in sf.list_state_machines()["stateMachines"]]
""");
        Assert.Contains("does not exist", (string?)look["gone"]);
        Assert.Empty(look["machines"]!.AsArray());
    }
}
