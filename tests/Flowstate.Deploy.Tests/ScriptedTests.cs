using System.Text.Json.Nodes;
using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>What moto cannot show (MotoGapsTests), against the small recording fake.</summary>
public sealed class ScriptedTests
{
    private const string Missing = "Stack with id orders-dev does not exist";
    private static readonly string Resources = "<StackResources><member><LogicalResourceId>Hello</LogicalResourceId><PhysicalResourceId>arn:aws:states:us-east-1:123456789012:stateMachine:hello</PhysicalResourceId><ResourceType>AWS::StepFunctions::StateMachine</ResourceType><ResourceStatus>CREATE_COMPLETE</ResourceStatus></member></StackResources>";

    private static DeployCli Cli(FakeAws fake) => new("http://127.0.0.1:9") { Handler = fake };

    private static string ChangeSet(string changes) => $"<ChangeSetName>cs</ChangeSetName><Status>CREATE_COMPLETE</Status><ExecutionStatus>AVAILABLE</ExecutionStatus><Changes>{changes}</Changes>";

    private static string Change(string action, string logical, string type, string? replacement = null)
        => $"<member><Type>Resource</Type><ResourceChange><Action>{action}</Action><LogicalResourceId>{logical}</LogicalResourceId><ResourceType>{type}</ResourceType>{(replacement is null ? "" : $"<Replacement>{replacement}</Replacement>")}</ResourceChange></member>";

    [Fact]
    public void FirstDeployRolledBack_ShowsTheFirstFailedResourceAndWhatToDo()
    {
        var fake = new FakeAws()
            .On("DescribeStacks", FakeAws.CfnError("ValidationError", Missing))
            .On("DescribeStacks", FakeAws.Stack("CREATE_IN_PROGRESS"), FakeAws.Stack("ROLLBACK_COMPLETE"))
            .On("DescribeChangeSet", FakeAws.CfnError("ChangeSetNotFound", "ChangeSet cs does not exist"))
            .On("DescribeChangeSet", ChangeSet(Change("Add", "PipelineRole", "AWS::IAM::Role") + Change("Add", "OrdersEtl", "AWS::StepFunctions::StateMachine")))
            .On("CreateChangeSet", "<Id>cs</Id>")
            .On("ExecuteChangeSet", "")
            .On("DescribeStackEvents", FakeAws.CfnError("ValidationError", Missing))
            .On("DescribeStackEvents", "<StackEvents>"
                + FakeAws.Event("5", "orders-dev", "AWS::CloudFormation::Stack", "ROLLBACK_COMPLETE")
                + FakeAws.Event("4", "Hello", "AWS::StepFunctions::StateMachine", "CREATE_FAILED", "Resource creation cancelled")
                + FakeAws.Event("3", "OrdersEtl", "AWS::StepFunctions::StateMachine", "CREATE_FAILED", "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'MaxAttempts' must be ...'")
                + FakeAws.Event("2", "PipelineRole", "AWS::IAM::Role", "CREATE_COMPLETE")
                + FakeAws.Event("1", "orders-dev", "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated")
                + "</StackEvents>");
        var r = Cli(fake).Run(TestApp.Stack(), "deploy");
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        Assert.Contains("error: The deploy of orders-dev failed: the stack is ROLLBACK_COMPLETE.", r.Err);
        Assert.Contains("First failure: OrdersEtl (AWS::StepFunctions::StateMachine) CREATE_FAILED: Invalid State Machine Definition", r.Err);
        Assert.Contains("hint: The stack's first deploy failed and CloudFormation rolled it back; such a stack can only be deleted.", r.Err);
        Assert.Contains("'destroy --stage dev'", r.Err);
        Assert.Contains("CREATE_FAILED", r.Out); // the live progress showed it
    }

    [Fact]
    public void KilledAfterExecute_TheReRunFollowsThatSameChangeToTheEnd_AnyOtherOperationIsBusy()
    {
        // On AWS (unlike moto, which applies a change set at once) a run killed right after
        // ExecuteChangeSet leaves the stack UPDATE_IN_PROGRESS with its change set.
        var stack = TestApp.Stack();
        var cli = new DeployCli("http://127.0.0.1:9");
        var target = Deployer.Resolve(stack, "dev", StageValues.Load("dev", stack.Name, cli.ValuesFile));
        var own = $"<ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/{Deployer.ChangeSetName(target, "deploy", "UPDATE")}/0f1e2d3c</ChangeSetId>";
        var fake = new FakeAws()
            .On("DescribeStacks", FakeAws.Stack("UPDATE_IN_PROGRESS", own), FakeAws.Stack("UPDATE_IN_PROGRESS", own), FakeAws.Stack("UPDATE_COMPLETE", own))
            .On("DescribeStackEvents",
                "<StackEvents>" + FakeAws.Event("1", "orders-dev", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated") + "</StackEvents>",
                "<StackEvents>" + FakeAws.Event("2", "OrdersEtl", "AWS::StepFunctions::StateMachine", "UPDATE_COMPLETE")
                    + FakeAws.Event("1", "orders-dev", "AWS::CloudFormation::Stack", "UPDATE_IN_PROGRESS", "User Initiated") + "</StackEvents>");
        cli.Handler = fake;
        var r = cli.Run(stack, "deploy");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains($"Stack orders-dev is UPDATE_IN_PROGRESS with this same change (change set {Deployer.ChangeSetName(target, "deploy", "UPDATE")}, started by an earlier run); following it.", r.Out);
        Assert.Contains("UPDATE_COMPLETE              AWS::StepFunctions::StateMachine", r.Out);
        Assert.Contains("Stack orders-dev is UPDATE_COMPLETE.", r.Out);
        Assert.All(fake.Calls, c => Assert.Matches("^(Describe|Get|List)", c.Operation));

        // Someone else's change (another build, another tool) in progress: busy, nothing written.
        var other = new FakeAws()
            .On("DescribeStacks", FakeAws.Stack("UPDATE_IN_PROGRESS", "<ChangeSetId>arn:aws:cloudformation:us-east-1:123456789012:changeSet/flowstate-deploy-00000000000000000000/1</ChangeSetId>"))
            .On("DescribeStackEvents", "<StackEvents></StackEvents>");
        var busy = new DeployCli("http://127.0.0.1:9") { Handler = other }.Run(stack, "deploy");
        Assert.Equal(ExitCodes.StackState, busy.ExitCode);
        Assert.Contains("is busy (UPDATE_IN_PROGRESS)", busy.Err);
        Assert.All(other.Calls, c => Assert.Matches("^(Describe|Get|List)", c.Operation));
    }

    [Theory]
    [InlineData("UPDATE_ROLLBACK_FAILED", ExitCodes.StackState, "continue-update-rollback --stack-name orders-dev")]
    [InlineData("ROLLBACK_COMPLETE", ExitCodes.StackState, "destroy --stage dev")]
    [InlineData("UPDATE_IN_PROGRESS", ExitCodes.StackState, "is busy (UPDATE_IN_PROGRESS)")]
    public void StackInABadState_IsExplained_BeforeAnyWrite(string status, int exit, string advice)
    {
        var fake = new FakeAws()
            .On("DescribeStacks", FakeAws.Stack(status))
            .On("DescribeStackEvents", "<StackEvents>" + FakeAws.Event("9", "OrdersEtl", "AWS::StepFunctions::StateMachine", "UPDATE_FAILED", "Role is not authorized") + "</StackEvents>");
        var r = Cli(fake).Run(TestApp.Stack(), "deploy");
        Assert.Equal(exit, r.ExitCode);
        Assert.Contains(advice, r.Err);
        Assert.All(fake.Calls, c => Assert.Matches("^(Describe|Get|List)", c.Operation));
    }

    [Fact]
    public void Replacement_NeedsConfirmation_AndTheOutputsArePrinted()
    {
        FakeAws Fake() => new FakeAws()
            .On("DescribeStacks", FakeAws.Stack("UPDATE_COMPLETE"))
            .On("GetTemplate", "<TemplateBody>{}</TemplateBody>")
            .On("DescribeStackEvents", "<StackEvents>" + FakeAws.Event("1", "orders-dev", "AWS::CloudFormation::Stack", "UPDATE_COMPLETE") + "</StackEvents>")
            .On("DescribeChangeSet", FakeAws.CfnError("ChangeSetNotFound", "no"))
            .On("DescribeChangeSet", ChangeSet(Change("Modify", "OrdersEtl", "AWS::StepFunctions::StateMachine", "True") + Change("Remove", "OldTopic", "AWS::SNS::Topic")))
            .On("CreateChangeSet", "<Id>cs</Id>")
            .On("DeleteChangeSet", "")
            .On("ExecuteChangeSet", "");

        // CI without --yes: refused, change set cleaned up, nothing executed
        var ci = Fake();
        var refused = Cli(ci).Run(TestApp.Stack(), "deploy");
        Assert.Equal(ExitCodes.NotConfirmed, refused.ExitCode);
        Assert.Contains("WARNING: OrdersEtl (AWS::StepFunctions::StateMachine) will be REPLACED", refused.Out);
        Assert.Contains("WARNING: OldTopic (AWS::SNS::Topic) will be DELETED.", refused.Out);
        Assert.Contains("run again with --yes", refused.Err);
        Assert.DoesNotContain(ci.Calls, c => c.Operation == "ExecuteChangeSet");
        Assert.Contains(ci.Calls, c => c.Operation == "DeleteChangeSet");

        // A person at a terminal says no
        var terminal = Fake();
        var cli = Cli(terminal);
        cli.Interactive = true;
        cli.Input = "n\n";
        var no = cli.Run(TestApp.Stack(), "deploy");
        Assert.Equal(ExitCodes.NotConfirmed, no.ExitCode);
        Assert.Contains("Replace/delete the resources listed above? [y/N]", no.Out);
        Assert.DoesNotContain(terminal.Calls, c => c.Operation == "ExecuteChangeSet");

        // ... or yes; the outputs end the deploy (moto drops Outputs of change-set stacks, so they are shown here)
        var yes = new FakeAws().On("DescribeStacks", FakeAws.Stack("UPDATE_COMPLETE"), FakeAws.Stack("UPDATE_IN_PROGRESS"),
            FakeAws.Stack("UPDATE_COMPLETE", "<Outputs><member><OutputKey>OrdersEtlArn</OutputKey><OutputValue>arn:aws:states:us-east-1:123456789012:stateMachine:orders-etl</OutputValue></member></Outputs>"));
        foreach (var op in new[] { "GetTemplate", "DescribeStackEvents", "DescribeChangeSet", "CreateChangeSet", "DeleteChangeSet", "ExecuteChangeSet" })
            yes.On(op, Fake().Answers(op));
        cli = Cli(yes);
        cli.Interactive = true;
        cli.Input = "y\n";
        var ok = cli.Run(TestApp.Stack(), "deploy");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Contains("Outputs:\n  OrdersEtlArn = arn:aws:states:us-east-1:123456789012:stateMachine:orders-etl", ok.Out.Replace("\r", "", StringComparison.Ordinal));
        Assert.Single(yes.Calls, c => c.Operation == "ExecuteChangeSet");
    }

    [Theory]
    [InlineData("SUCCEEDED", ExitCodes.Ok)]
    [InlineData("FAILED", ExitCodes.Failed)]
    [InlineData("TIMED_OUT", ExitCodes.TimedOut)]
    [InlineData("ABORTED", ExitCodes.Aborted)]
    public void StartWait_FollowsTheHistory_AndExitsByFinalStatus(string final, int exit)
    {
        var events1 = """{"events": [{"id": 2, "type": "PassStateEntered", "timestamp": 1796192823.4, "stateEnteredEventDetails": {"name": "Greet"}}, {"id": 1, "type": "ExecutionStarted", "timestamp": 1796192823.4}]}""";
        var events2 = final switch
        {
            "FAILED" => """{"events": [{"id": 4, "type": "ExecutionFailed", "timestamp": 1796192824.0, "executionFailedEventDetails": {"error": "NoData", "cause": "The extract returned no rows"}}, {"id": 3, "type": "PassStateExited", "stateExitedEventDetails": {"name": "Greet"}}, {"id": 2, "type": "PassStateEntered"}]}""",
            _ => """{"events": [{"id": 3, "type": "PassStateExited", "timestamp": 1796192824.0, "stateExitedEventDetails": {"name": "Greet"}}, {"id": 2, "type": "PassStateEntered"}]}""",
        };
        var describe = final == "FAILED"
            ? """{"executionArn": "x", "status": "FAILED", "error": "NoData", "cause": "The extract returned no rows"}"""
            : $$"""{"executionArn": "x", "status": "{{final}}", "output": "{\"greeting\":\"hello\"}"}""";
        var fake = new FakeAws()
            .On("DescribeStacks", FakeAws.Stack("CREATE_COMPLETE"))
            .On("DescribeStackResources", Resources)
            .On("StartExecution", """{"executionArn": "arn:aws:states:us-east-1:123456789012:execution:hello:run", "startDate": 1796192823.46}""")
            .On("GetExecutionHistory", events1, events2)
            .On("DescribeExecution", """{"executionArn": "x", "status": "RUNNING"}""", describe);
        var r = Cli(fake).Run(TestApp.Stack(), "start", "hello", "--wait");
        Assert.True(r.ExitCode == exit, r.ToString());
        Assert.Contains("-> Greet (Pass)", r.Out);
        Assert.Contains("ok Greet", r.Out);
        Assert.Contains($"Execution {final}.", r.Out);
        Assert.Contains("console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/arn:aws:states:us-east-1:123456789012:execution:hello:run", r.Out);
        if (final == "FAILED")
        {
            Assert.Contains("!! ExecutionFailed: NoData - The extract returned no rows", r.Out);
            Assert.Contains("error: NoData", r.Out);
            Assert.Contains("cause: The extract returned no rows", r.Out);
        }
        var start = JsonNode.Parse(fake.Calls.Single(c => c.Operation == "StartExecution").Body)!;
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:hello", (string?)start["stateMachineArn"]);
        Assert.Matches("^flowstate-\\d{8}T\\d{6}-[0-9a-f]{8}$", (string?)start["name"]);
    }

    [Fact]
    public void StartWait_EndsOnTheHistorysTerminalEvent_WhenDescribeExecutionLagsBehind()
    {
        // GetExecutionHistory and DescribeExecution are read separately; the history's end decides.
        var fake = new FakeAws()
            .On("DescribeStacks", FakeAws.Stack("CREATE_COMPLETE"))
            .On("DescribeStackResources", Resources)
            .On("StartExecution", """{"executionArn": "arn:aws:states:us-east-1:123456789012:execution:hello:run", "startDate": 1796192823.46}""")
            .On("GetExecutionHistory", """{"events": [{"id": 3, "type": "ExecutionFailed", "timestamp": 1796192824.0, "executionFailedEventDetails": {"error": "NoData", "cause": "The extract returned no rows"}}, {"id": 2, "type": "FailStateEntered", "stateEnteredEventDetails": {"name": "Boom"}}, {"id": 1, "type": "ExecutionStarted"}]}""")
            .On("DescribeExecution", """{"executionArn": "x", "status": "RUNNING"}""");
        var r = Cli(fake).Run(TestApp.Stack(), "start", "hello", "--wait");
        Assert.Equal(ExitCodes.Failed, r.ExitCode);
        Assert.Contains("-> Boom (Fail)", r.Out);
        Assert.Contains("Execution FAILED.", r.Out);
        Assert.Contains("error: NoData", r.Out);
        Assert.Contains("cause: The extract returned no rows", r.Out);
        Assert.Single(fake.Calls, c => c.Operation == "DescribeExecution");
    }
}
