using System.Text.RegularExpressions;
using Flowstate.Deploy.Aws;
using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>
/// Every request the hand-written clients can send, with every member they can set, checked against
/// the API models botocore ships (names, required members, types, enums, lengths, patterns), plus the
/// protocol envelope (Action/Version, X-Amz-Target, Content-Type, SigV4 scope).
/// </summary>
public sealed class WireModelTests
{
    private static (AwsTransport Transport, CapturingHandler Handler) Transport()
    {
        var handler = new CapturingHandler();
        var env = AwsEnvironment.From(new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "AKIAWIREMODELTEST01", ["AWS_SECRET_ACCESS_KEY"] = "wire-model-secret", ["AWS_REGION"] = "eu-central-1",
        });
        var session = new AwsSession(new AwsOptions(EndpointUrl: "http://127.0.0.1:1"), env, new Secrets());
        return (new AwsTransport(session, new HttpClient(handler), new RetrySettings(MaxRetries: 0), null), handler);
    }

    private const string StackArn = "arn:aws:cloudformation:eu-central-1:123456789012:stack/orders-dev/0948af1d-9c77-42bf-9505-d399557bec80";
    private const string MachineArn = "arn:aws:states:eu-central-1:123456789012:stateMachine:orders-etl";
    private const string ExecutionArn = "arn:aws:states:eu-central-1:123456789012:execution:orders-etl:run-1";

    [Fact]
    public async Task CloudFormation_EveryRequest_MatchesTheBotocoreModel()
    {
        var model = ServiceModel.Load("cloudformation", "2010-05-15");
        var (transport, handler) = Transport();
        var cfn = new CloudFormationClient(transport);
        await cfn.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = "orders-dev", ChangeSetName = "flowstate-deploy-0123456789abcdef0123", TemplateBody = "{\"Resources\":{}}",
            Parameters = new[] { new Parameter("TransformJobName", "transform-dev"), new Parameter("Old", null, UsePreviousValue: true) },
            Capabilities = Deployer.Capabilities, Tags = new[] { new Tag("flowstate:app", "OrdersApp"), new Tag("flowstate:stage", "dev") },
            ClientToken = "flowstate-deploy-0123456789abcdef0123", Description = "Flowstate OrdersApp (dev)", ChangeSetType = "CREATE", OnStackFailure = "ROLLBACK",
        });
        await cfn.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = "orders-dev", ChangeSetName = "flowstate-plan-0123456789abcdef0123",
            TemplateURL = "https://s3.eu-central-1.amazonaws.com/flowstate-templates-123456789012-eu-central-1/templates/orders-dev/ab.json", ChangeSetType = "UPDATE",
        });
        await cfn.DescribeChangeSetAsync(new DescribeChangeSetRequest("flowstate-plan-0123456789abcdef0123", "orders-dev", "token-2", IncludePropertyValues: true));
        await cfn.ExecuteChangeSetAsync(new ExecuteChangeSetRequest("flowstate-deploy-0123456789abcdef0123", "orders-dev", "exec-flowstate-deploy-0123456789abcdef0123", DisableRollback: false));
        await cfn.DeleteChangeSetAsync(new DeleteChangeSetRequest("flowstate-plan-0123456789abcdef0123", "orders-dev"));
        await cfn.ListChangeSetsAsync(new ListChangeSetsRequest("orders-dev", "token-3"));
        await cfn.DescribeStacksAsync(new DescribeStacksRequest("orders-dev", "token-4"));
        await cfn.DescribeStackEventsAsync(new DescribeStackEventsRequest(StackArn, "token-5"));
        await cfn.DescribeStackResourcesAsync(new DescribeStackResourcesRequest(StackArn));
        await cfn.GetTemplateAsync(new GetTemplateRequest("orders-dev", "flowstate-plan-0123456789abcdef0123", "Original"));
        await cfn.DeleteStackAsync(new DeleteStackRequest(StackArn, "destroy-0123456789abcdef01234567"));

        Assert.Equal(11, handler.Requests.Count);
        var operations = new HashSet<string>();
        foreach (var r in handler.Requests)
        {
            Assert.Equal(HttpMethod.Post, r.Method);
            Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", r.Headers["Content-Type"]);
            Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=AKIAWIREMODELTEST01/\d{8}/eu-central-1/cloudformation/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$", r.Headers["Authorization"]);
            Assert.Equal("cloudformation", (string)model.Metadata["endpointPrefix"]!);
            var problems = model.CheckQuery(r.Body);
            Assert.True(problems.Count == 0, r.Body + "\n" + string.Join("\n", problems));
            operations.Add(System.Web.HttpUtility.ParseQueryString(r.Body)["Action"]!);
        }
        // Every operation ICloudFormation declares was sent at least once.
        var declared = typeof(ICloudFormation).GetMethods().Select(m => m.Name.Replace("Async", "", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(declared.Order(), operations.Order());
    }

    [Fact]
    public async Task StepFunctions_EveryRequest_MatchesTheBotocoreModel()
    {
        var model = ServiceModel.Load("stepfunctions", "2016-11-23");
        var (transport, handler) = Transport();
        var sfn = new StepFunctionsClient(transport);
        await sfn.DescribeStateMachineAsync(new DescribeStateMachineRequest(MachineArn));
        await sfn.StartExecutionAsync(new StartExecutionRequest(MachineArn, "flowstate-20261202T083000-0a1b2c3d", "{\"day\":\"2026-12-01\"}"));
        await sfn.DescribeExecutionAsync(new DescribeExecutionRequest(ExecutionArn));
        await sfn.GetExecutionHistoryAsync(new GetExecutionHistoryRequest(ExecutionArn, 100, true, "token-1", true));
        await sfn.ListExecutionsAsync(new ListExecutionsRequest(MachineArn, "RUNNING", 5, "token-2"));
        await sfn.StopExecutionAsync(new StopExecutionRequest(ExecutionArn, "Flowstate.Stopped", "stopped by the user"));

        var operations = new HashSet<string>();
        foreach (var r in handler.Requests)
        {
            var target = r.Headers["X-Amz-Target"];
            Assert.StartsWith((string)model.Metadata["targetPrefix"]! + ".", target);
            var op = target.Split('.')[1];
            Assert.Equal("application/x-amz-json-" + (string)model.Metadata["jsonVersion"]!, r.Headers["Content-Type"]);
            Assert.Matches($@"Credential=AKIAWIREMODELTEST01/\d{{8}}/eu-central-1/{model.Metadata["endpointPrefix"]}/aws4_request", r.Headers["Authorization"]);
            var problems = model.CheckJson(op, r.Body);
            Assert.True(problems.Count == 0, op + " " + r.Body + "\n" + string.Join("\n", problems));
            operations.Add(op);
        }
        var declared = typeof(IStepFunctions).GetMethods().Select(m => m.Name.Replace("Async", "", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(declared.Order(), operations.Order());
    }

    [Fact]
    public void TheChecker_RejectsWhatTheModelForbids()
    {
        // The checker itself can fail: wrong member names, missing required members, bad enums and lengths.
        var cfn = ServiceModel.Load("cloudformation", "2010-05-15");
        Assert.Contains(cfn.CheckQuery("Action=CreateChangeSet&Version=2010-05-15&StackName=s"), p => p.Contains("required member 'ChangeSetName'", StringComparison.Ordinal));
        Assert.Contains(cfn.CheckQuery("Action=CreateChangeSet&Version=2010-05-15&StackName=s&ChangeSetName=1bad"), p => p.Contains("does not match pattern", StringComparison.Ordinal));
        Assert.Contains(cfn.CheckQuery("Action=CreateChangeSet&Version=2010-05-15&StackName=s&ChangeSetName=ok&ChangeSetType=REPLACE"), p => p.Contains("is not one of", StringComparison.Ordinal));
        Assert.Contains(cfn.CheckQuery("Action=CreateChangeSet&Version=2010-05-15&StackName=s&ChangeSetName=ok&Parameters.1.ParameterKey=x"), p => p.Contains("member.N", StringComparison.Ordinal));
        Assert.Contains(cfn.CheckQuery("Action=DescribeStacks&Version=2010-05-15&Stackname=s"), p => p.Contains("no member 'Stackname'", StringComparison.Ordinal));
        Assert.Contains(cfn.CheckQuery("Action=ExecuteChangeSet&Version=2010-05-15&ChangeSetName=ok&DisableRollback=yes"), p => p.Contains("expected a boolean", StringComparison.Ordinal));
        Assert.Contains(cfn.CheckQuery("Action=DescribeStacks&Version=2011-01-01"), p => p.Contains("Version", StringComparison.Ordinal));
        var sfn = ServiceModel.Load("stepfunctions", "2016-11-23");
        Assert.Contains(sfn.CheckJson("StartExecution", "{\"name\":\"x\"}"), p => p.Contains("required member 'stateMachineArn'", StringComparison.Ordinal));
        Assert.Contains(sfn.CheckJson("ListExecutions", "{\"stateMachineArn\":\"a\",\"maxResults\":5000}"), p => p.Contains("> max", StringComparison.Ordinal));
        Assert.Contains(sfn.CheckJson("StartExecution", $"{{\"stateMachineArn\":\"a\",\"name\":\"{new string('n', 81)}\"}}"), p => p.Contains("> max 80", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retries_ResendTheSameBody_SoTheIdempotencyTokenIsTheSame()
    {
        var (transport, _) = Transport();
        var handler = new CapturingHandler
        {
            Script = (_, i) => i switch
            {
                0 => CapturingHandler.Xml("<ErrorResponse><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>", System.Net.HttpStatusCode.BadRequest),
                1 => new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable),
                _ => null,
            },
        };
        var env = AwsEnvironment.From(new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIARETRYTEST000001", ["AWS_SECRET_ACCESS_KEY"] = "retry-secret", ["AWS_REGION"] = "us-east-1" });
        var session = new AwsSession(new AwsOptions(EndpointUrl: "http://127.0.0.1:1"), env, new Secrets());
        var cfn = new CloudFormationClient(new AwsTransport(session, new HttpClient(handler), new RetrySettings(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)), null));
        await cfn.ExecuteChangeSetAsync(new ExecuteChangeSetRequest("cs", "orders-dev", "exec-cs"));
        Assert.Equal(3, handler.Requests.Count);
        Assert.Single(handler.Requests.Select(r => r.Body).Distinct());
        Assert.Contains("ClientRequestToken=exec-cs", handler.Requests[0].Body);
        // each attempt is signed afresh
        Assert.All(handler.Requests, r => Assert.Matches(new Regex("Signature=[0-9a-f]{64}"), r.Headers["Authorization"]));
    }

    [Fact]
    public async Task NonRetryableErrors_AreNotRetried()
    {
        var handler = new CapturingHandler { Script = (_, _) => CapturingHandler.Xml("<ErrorResponse><Error><Code>ValidationError</Code><Message>Stack with id x does not exist</Message></Error></ErrorResponse>", System.Net.HttpStatusCode.BadRequest) };
        var env = AwsEnvironment.From(new Dictionary<string, string> { ["AWS_ACCESS_KEY_ID"] = "AKIARETRYTEST000001", ["AWS_SECRET_ACCESS_KEY"] = "retry-secret", ["AWS_REGION"] = "us-east-1" });
        var session = new AwsSession(new AwsOptions(EndpointUrl: "http://127.0.0.1:1"), env, new Secrets());
        var cfn = new CloudFormationClient(new AwsTransport(session, new HttpClient(handler), new RetrySettings(3, TimeSpan.FromMilliseconds(1)), null));
        var e = await Assert.ThrowsAsync<AwsServiceException>(() => cfn.DescribeStacksAsync(new DescribeStacksRequest("x")));
        Assert.Equal("ValidationError", e.Code);
        Assert.Single(handler.Requests);
    }
}
