using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>
/// What moto 5.2.1 does differently from AWS, each shown here so that the day moto changes, this
/// test says so. Where a gap matters, the deploy tests cover the behaviour elsewhere:
/// Definition objects -> TestApp uses DefinitionString; ClientToken/ClientRequestToken idempotency ->
/// AwsProxy answers a repeated token with the first answer (AWS's documented behaviour); Outputs,
/// per-resource events, rollbacks and finished executions -> ScriptedTests (FakeAws).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class MotoGapsTests
{
    private readonly MotoServer _moto;

    public MotoGapsTests(MotoServer moto) => _moto = moto;

    [Fact]
    public void MotoGaps_AreStillThere()
    {
        _moto.Reset();
        var gaps = Boto.Look(_moto.Url, """
role = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}}
sm = {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"StateMachineName": "obj", "RoleArn": {"Fn::GetAtt": ["R", "Arn"]},
      "Definition": {"StartAt": "A", "States": {"A": {"Type": "Succeed"}}},
      "LoggingConfiguration": {"Level": "ERROR", "IncludeExecutionData": False,
                               "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:gaps:*"}}]}}}
alarm = {"Type": "AWS::CloudWatch::Alarm", "Properties": {"Namespace": "AWS/States", "MetricName": "ExecutionsFailed", "Statistic": "Sum", "Period": 300,
         "EvaluationPeriods": 1, "Threshold": 1, "ComparisonOperator": "GreaterThanOrEqualToThreshold"}}
sched = {"Type": "AWS::Scheduler::Schedule", "Properties": {"ScheduleExpression": "rate(1 day)", "FlexibleTimeWindow": {"Mode": "OFF"},
         "Target": {"Arn": {"Ref": "M"}, "RoleArn": {"Fn::GetAtt": ["R", "Arn"]}}}}
t = json.dumps({"Resources": {"R": role, "M": sm, "S": sched, "A": alarm}, "Outputs": {"Arn": {"Value": {"Ref": "M"}}}})
cf.create_change_set(StackName="gaps", ChangeSetName="one", TemplateBody=t, ChangeSetType="CREATE", ClientToken="same-token")
cf.execute_change_set(StackName="gaps", ChangeSetName="one")
out["second_execute_error"] = err(lambda: cf.execute_change_set(StackName="gaps", ChangeSetName="one"))
stack = cf.describe_stacks(StackName="gaps")["Stacks"][0]
out["outputs"] = stack.get("Outputs")
arn = [r["PhysicalResourceId"] for r in cf.describe_stack_resources(StackName="gaps")["StackResources"] if r.get("LogicalResourceId") == "M"][0]
out["definition"] = sf.describe_state_machine(stateMachineArn=arn)["definition"]
out["logging"] = sf.describe_state_machine(stateMachineArn=arn)["loggingConfiguration"]["level"]
out["resource_rows"] = [r.get("LogicalResourceId") for r in cf.describe_stack_resources(StackName="gaps")["StackResources"]]
out["event_resources"] = sorted(set(e["LogicalResourceId"] for e in cf.describe_stack_events(StackName="gaps")["StackEvents"]))
cf.create_change_set(StackName="twin", ChangeSetName="x", TemplateBody=t, ChangeSetType="CREATE", ClientToken="tok")
cf.create_change_set(StackName="twin", ChangeSetName="x", TemplateBody=t, ChangeSetType="CREATE", ClientToken="tok")
out["twins"] = len([s for s in cf.list_stacks()["StackSummaries"] if s["StackName"] == "twin"])
ex = sf.start_execution(stateMachineArn=arn, input="{}")
out["execution_status"] = sf.describe_execution(executionArn=ex["executionArn"])["status"]
out["history"] = [e["type"] for e in sf.get_execution_history(executionArn=ex["executionArn"])["events"]]
""");
        Assert.True(gaps["definition"]!.ToString() == "", "moto now reads AWS::StepFunctions::StateMachine.Definition (objects): TestApp may use Definition");
        Assert.True(gaps["outputs"] is null, "moto now returns Outputs for stacks created by a change set: assert them in DeployEndToEndTests");
        Assert.True(gaps["second_execute_error"] is null, "moto now refuses a second ExecuteChangeSet");
        Assert.True((int)gaps["twins"]! == 2, "moto now honours CreateChangeSet's ClientToken (no second stack): AwsProxy need not replay tokens");
        // the Scheduler schedule and the alarm: empty rows, not created
        Assert.Equal(2, gaps["resource_rows"]!.AsArray().Count(r => r is null));
        Assert.Equal("OFF", (string?)gaps["logging"]); // LoggingConfiguration ignored
        Assert.Equal("""["gaps"]""", gaps["event_resources"]!.ToJsonString()); // no per-resource events
        Assert.Equal("RUNNING", (string?)gaps["execution_status"]); // never finishes (static data)
        // ... while its history is canned, the same for every machine, and ends in success: start --wait
        // ends on that terminal event, so against moto it shows these events, not the machine's states.
        Assert.Equal("""["ExecutionStarted","PassStateEntered","PassStateExited","ExecutionSucceeded"]""", gaps["history"]!.ToJsonString());
    }
}
