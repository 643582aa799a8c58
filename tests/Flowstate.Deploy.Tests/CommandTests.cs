using System.Text.Json.Nodes;
using Flowstate.Deploy.Tests.Infrastructure;

namespace Flowstate.Deploy.Tests;

/// <summary>start --wait, secrets, credentials, parameters, ownership and large templates, against moto.</summary>
[Collection(MotoCollection.Name)]
public sealed class CommandTests : IAsyncLifetime
{
    private readonly MotoServer _moto;
    private AwsProxy _proxy = null!;

    public CommandTests(MotoServer moto) => _moto = moto;

    public Task InitializeAsync()
    {
        _moto.Reset();
        _proxy = new AwsProxy(_moto.Url);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public void Start_WithInputFromAFile_AndClearErrorsForBadInputOrAnUnknownMachine()
    {
        // (start --wait is followed against the recording fake: moto's executions stay RUNNING - see MotoGapsTests)
        var cli = new DeployCli(_proxy.Url);
        Assert.Equal(0, cli.Run(TestApp.Stack(), "deploy").ExitCode);
        var input = Path.Combine(Path.GetTempPath(), $"flowstate-input-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, """{"day": "2026-12-01"}""");
        var started = cli.Run(TestApp.Stack(), "start", "broken", "--input", "@" + input, "--output", "json");
        Assert.True(started.ExitCode == 0, started.ToString());
        var arn = (string)JsonNode.Parse(started.Out)!["executionArn"]!;
        var look = Boto.Look(_moto.Url, $$"""out["input"] = sf.describe_execution(executionArn="{{arn}}")["input"]""");
        Assert.Equal("""{"day": "2026-12-01"}""", (string?)look["input"]);

        var badInput = cli.Run(TestApp.Stack(), "start", "hello", "--input", "{not json");
        Assert.Equal(ExitCodes.Usage, badInput.ExitCode);
        Assert.Contains("The execution input is not valid JSON", badInput.Err);
        var unknown = cli.Run(TestApp.Stack(), "start", "nope");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("Known: orders-etl, hello, broken", unknown.Err);
        var missingFile = cli.Run(TestApp.Stack(), "start", "hello", "--input", "@/nonexistent/input.json");
        Assert.Equal(ExitCodes.Usage, missingFile.ExitCode);
    }

    [Fact]
    public void CanaryCredentials_NeverAppearInAnyOutputOrLog()
    {
        const string key = "AKIACANARYKEY7777777";
        const string secret = "canary/Secret+Key/7777777777777777777777";
        const string token = "IQoJb3JpZ2luX2VjEcanarySessionToken7777777777777777";
        var cli = new DeployCli(_proxy.Url);
        cli.Env["AWS_ACCESS_KEY_ID"] = key;
        cli.Env["AWS_SECRET_ACCESS_KEY"] = secret;
        cli.Env["AWS_SESSION_TOKEN"] = token;
        var outputs = new List<DeployCli.Result>
        {
            cli.Run(TestApp.Stack(), "deploy", "--verbose"),
            cli.Run(TestApp.Stack(maxAttempts: 4), "plan", "--verbose", "--output", "json"),
            cli.Run(TestApp.Stack(maxAttempts: 4), "deploy", "--verbose", "--yes"),
            cli.Run(TestApp.Stack(maxAttempts: 4), "start", "hello", "--verbose"),
            cli.Run(TestApp.Stack(maxAttempts: 4), "status", "--verbose", "--output", "json"),
        };
        _proxy.Faults = c => c.Operation == "DescribeStacks" ? new Fault(FaultKind.ExpiredToken) : null;
        outputs.Add(cli.Run(TestApp.Stack(), "plan", "--verbose"));
        _proxy.Faults = c => c.Operation == "DescribeStacks" ? new Fault(FaultKind.AccessDenied) : null;
        outputs.Add(cli.Run(TestApp.Stack(), "destroy", "--yes", "--verbose"));
        _proxy.Faults = null;
        outputs.Add(cli.Run(TestApp.Stack(), "destroy", "--yes", "--verbose", "--output", "json"));

        Assert.Equal(new[] { 0, 0, 0, 0, 0, 3, 3, 0 }, outputs.Select(o => o.ExitCode).ToArray());
        Assert.Contains(outputs, o => o.Err.Contains("-> cloudformation CreateChangeSet", StringComparison.Ordinal)); // the verbose log ran
        foreach (var o in outputs)
            foreach (var canary in new[] { key, secret, token, "canary" })
                Assert.False(o.All.Contains(canary, StringComparison.OrdinalIgnoreCase), $"'{canary}' leaked:\n{o}");
        // The canaries were really used on the wire (so this test can fail).
        Assert.Contains(_proxy.Calls, c => c.AccessKeyId == key);
    }

    [Fact]
    public void NoCredentials_SaysWhereItLooked()
    {
        var cli = new DeployCli(_proxy.Url);
        cli.Env.Remove("AWS_ACCESS_KEY_ID");
        cli.Env.Remove("AWS_SECRET_ACCESS_KEY");
        var r = cli.Run(TestApp.Stack(), "plan");
        Assert.Equal(ExitCodes.AwsAccess, r.ExitCode);
        Assert.Contains("error: No AWS credentials were found. Looked in:", r.Err);
        Assert.Contains("AWS_ACCESS_KEY_ID", r.Err);
        Assert.Contains("profile 'default'", r.Err);
        Assert.Contains("hint: Run 'aws configure'", r.Err);
        Assert.Empty(_proxy.Calls);
    }

    [Fact]
    public void MissingParameterValue_NamesTheParameterAndTheFile()
    {
        var cli = new DeployCli(_proxy.Url, """{ "parameters": { } }""");
        var r = cli.Run(TestApp.Stack(), "deploy");
        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Contains("The template parameter 'TransformJobName' of stack 'orders' has no value for stage 'dev'.", r.Err);
        Assert.Contains(cli.ValuesFile, r.Err);
        Assert.Empty(_proxy.Calls);

        var typo = new DeployCli(_proxy.Url, """{ "parameter": { "TransformJobName": "x" } }""").Run(TestApp.Stack(), "plan");
        Assert.Equal(ExitCodes.Usage, typo.ExitCode);
        Assert.Contains("unknown key 'parameter'", typo.Err);
    }

    [Fact]
    public void Destroy_RefusesAStackFlowstateDidNotCreateForThisAppAndStage()
    {
        // A stack of the same name created by someone else (no Flowstate tags).
        Boto.Look(_moto.Url, """
cf.create_stack(StackName="orders-dev", TemplateBody=json.dumps({"Resources": {"T": {"Type": "AWS::SNS::Topic"}}}))
""");
        var cli = new DeployCli(_proxy.Url);
        var destroy = cli.Run(TestApp.Stack(), "destroy", "--yes");
        Assert.Equal(ExitCodes.StackState, destroy.ExitCode);
        Assert.Contains("Refusing to destroy stack orders-dev: it has no Flowstate tags", destroy.Err);
        var deploy = cli.Run(TestApp.Stack(), "deploy", "--yes");
        Assert.Equal(ExitCodes.StackState, deploy.ExitCode);
        Assert.DoesNotContain(_proxy.Calls, c => c.IsWrite);
        var look = Boto.Look(_moto.Url, """out["status"] = cf.describe_stacks(StackName="orders-dev")["Stacks"][0]["StackStatus"]""");
        Assert.Equal("CREATE_COMPLETE", (string?)look["status"]);
    }

    [Fact]
    public void LargeTemplate_GoesThroughTheManagedBucket_AndS3RequestsMatchTheModel()
    {
        var cli = new DeployCli(_proxy.Url);
        var big = TestApp.Stack(padding: 60_000);
        Assert.True(big.TemplateJson.Length > Deployer.InlineTemplateLimit);
        var r = cli.Run(big, "deploy");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("uploading the template", r.Out);
        var create = Assert.Single(_proxy.Calls, c => c.Operation == "CreateChangeSet" && c.Forwarded);
        Assert.Contains("TemplateURL=https%3A%2F%2Fs3.us-east-1.amazonaws.com%2Fflowstate-templates-123456789012-us-east-1%2Ftemplates%2Forders-dev%2F", create.Body);
        Assert.DoesNotContain("TemplateBody=", create.Body);
        var look = Boto.Look(_moto.Url, """
out["status"] = cf.describe_stacks(StackName="orders-dev")["Stacks"][0]["StackStatus"]
out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="flowstate-templates-123456789012-us-east-1").get("Contents", [])]
out["block"] = s3.get_public_access_block(Bucket="flowstate-templates-123456789012-us-east-1")["PublicAccessBlockConfiguration"]
""");
        Assert.Equal("CREATE_COMPLETE", (string?)look["status"]);
        Assert.Single(look["keys"]!.AsArray());
        Assert.True((bool)look["block"]!["BlockPublicPolicy"]!);

        // The S3 and STS requests (made by AWSSDK.S3 / AWSSDK.SecurityToken) are operations of botocore's models, with their required members.
        var s3 = ServiceModel.Load("s3", "2006-03-01");
        var s3Calls = _proxy.Calls.Where(c => c.Service == "s3").ToArray();
        Assert.NotEmpty(s3Calls);
        foreach (var c in s3Calls)
        {
            var (method, path) = (c.Operation.Split(' ')[0], c.Operation.Split(' ')[1]);
            var segments = path.Trim('/').Split('/', 2);
            var match = s3.Operations.Where(o => (string?)o.Value!["http"]!["method"] == method).Select(o => o.Key).ToArray();
            Assert.NotEmpty(match);
            Assert.Equal("flowstate-templates-123456789012-us-east-1", segments[0]);
            if (method == "PUT" && segments.Length == 2)
            {
                var required = s3.InputShape("PutObject")["required"]!.AsArray().Select(x => (string?)x).ToArray();
                Assert.Equal(new[] { "Bucket", "Key" }, required);
            }
        }
        Assert.Contains(_proxy.Calls, c => c.Service == "sts" && c.Operation == "GetCallerIdentity");
        var sts = ServiceModel.Load("sts", "2011-06-15");
        foreach (var c in _proxy.Calls.Where(c => c.Service == "sts"))
            Assert.Empty(sts.CheckQuery(c.Body));
    }
}
