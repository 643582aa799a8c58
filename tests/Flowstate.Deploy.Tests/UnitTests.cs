using System.Text.Json.Nodes;
using Flowstate.Deploy.Aws;
using Flowstate.Deploy.Planning;

namespace Flowstate.Deploy.Tests;

public sealed class DefinitionDiffTests
{
    private static JsonNode J(string s) => JsonNode.Parse(s)!;

    [Fact]
    public void StatesAddedRemovedAndChangedFieldsByPath()
    {
        var before = J("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":3}],"Next":"B"},"B":{"Type":"Succeed"},"Old":{"Type":"Pass","End":true}}}""");
        var after = J("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],"TimeoutSeconds":60,"Next":"Archive"},"Archive":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}}}""");
        Assert.Equal(new[]
        {
            "state Archive added",
            "state Old removed",
            "A: Retry[0].MaxAttempts 3 -> 5",
            "A: TimeoutSeconds added (60)",
            "A: Next B -> Archive",
        }, DefinitionDiff.Compare(before, after));
    }

    [Fact]
    public void NestedScopes_AreNamedByTheirPath()
    {
        var before = J("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}],"Next":"M"},"M":{"Type":"Map","ItemProcessor":{"StartAt":"Y","States":{"Y":{"Type":"Pass","End":true}}},"End":true}}}""");
        var after = J("""{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","Result":1,"End":true}}},{"StartAt":"Z","States":{"Z":{"Type":"Succeed"}}}],"Next":"M"},"M":{"Type":"Map","MaxConcurrency":8,"ItemProcessor":{"StartAt":"Y","States":{"Y":{"Type":"Wait","Seconds":1,"End":true}}},"End":true}}}""");
        Assert.Equal(new[]
        {
            "P/Branch 1/X: Result added (1)",
            "P/Branch 2 added",
            "M: MaxConcurrency added (8)",
            "M/ItemProcessor/Y: Type Pass -> Wait",
        }, DefinitionDiff.Compare(before, after));
    }

    [Fact]
    public void SameDefinition_NoLines_AndDefinitionStringForms()
    {
        var text = """{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}""";
        Assert.Empty(DefinitionDiff.Compare(J(text), J(text)));
        foreach (var resource in new[]
        {
            new JsonObject { ["Properties"] = new JsonObject { ["Definition"] = J(text) } },
            new JsonObject { ["Properties"] = new JsonObject { ["DefinitionString"] = text } },
            new JsonObject { ["Properties"] = new JsonObject { ["DefinitionString"] = new JsonObject { ["Fn::Sub"] = text } } },
            new JsonObject { ["Properties"] = new JsonObject { ["DefinitionString"] = new JsonObject { ["Fn::Join"] = new JsonArray("", new JsonArray("{\"StartAt\":\"A\",", "\"States\":{\"A\":{\"Type\":\"Succeed\"}}}")) } } },
        })
            Assert.True(JsonNode.DeepEquals(J(text), DefinitionDiff.DefinitionOf(resource)), resource.ToJsonString());
    }
}

public sealed class SessionTests
{
    private static AwsSession Session(Dictionary<string, string> env, AwsOptions? options = null)
        => new(options ?? new AwsOptions(), AwsEnvironment.From(env), new Secrets());

    [Fact]
    public void Endpoints_FollowTheSdkPrecedence()
    {
        var env = new Dictionary<string, string> { ["AWS_REGION"] = "eu-central-1" };
        Assert.Equal("https://cloudformation.eu-central-1.amazonaws.com/", Session(env).Endpoint(AwsService.CloudFormation).ToString());
        Assert.Equal("https://states.eu-central-1.amazonaws.com/", Session(env).Endpoint(AwsService.StepFunctions).ToString());
        env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4566";
        Assert.Equal("http://127.0.0.1:4566/", Session(env).Endpoint(AwsService.StepFunctions).ToString());
        env["AWS_ENDPOINT_URL_SFN"] = "http://127.0.0.1:8083";
        Assert.Equal("http://127.0.0.1:8083/", Session(env).Endpoint(AwsService.StepFunctions).ToString());
        Assert.Equal("http://127.0.0.1:4566/", Session(env).Endpoint(AwsService.CloudFormation).ToString());
        Assert.Equal("http://127.0.0.1:5000/", Session(env, new AwsOptions(EndpointUrl: "http://127.0.0.1:5000")).Endpoint(AwsService.StepFunctions).ToString());
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        Assert.Equal("https://states.eu-central-1.amazonaws.com/", Session(env).Endpoint(AwsService.StepFunctions).ToString());
        Assert.Equal("https://states.cn-north-1.amazonaws.com.cn/", Session(new() { ["AWS_REGION"] = "cn-north-1" }).Endpoint(AwsService.StepFunctions).ToString());
        var bad = Assert.Throws<DeployException>(() => Session(new() { ["AWS_REGION"] = "us-east-1" }, new AwsOptions(EndpointUrl: "localhost:5000")).Endpoint(AwsService.S3));
        Assert.Contains("is not an http(s) URL", bad.Message);
    }

    [Fact]
    public void Region_CliBeatsEnvironment_AndMissingRegionIsExplained()
    {
        Assert.Equal("eu-west-1", Session(new() { ["AWS_REGION"] = "us-east-1" }, new AwsOptions(Region: "eu-west-1")).Region);
        Assert.Equal("ap-south-1", Session(new() { ["AWS_DEFAULT_REGION"] = "ap-south-1" }).Region);
        var e = Assert.Throws<DeployException>(() => Session(new()).Region);
        Assert.Equal(ExitCodes.AwsAccess, e.ExitCode);
        Assert.Contains("--region", e.Hint);
    }

    [Fact]
    public void Secrets_AreRedactedEverywhere()
    {
        var s = new Secrets();
        s.Add("AKIAEXAMPLEKEY12345", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null, "short");
        var text = "key AKIAEXAMPLEKEY12345 secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY Authorization: AWS4-HMAC-SHA256 Credential=ASIAOTHERKEY000000/20261202/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef short";
        var red = s.Redact(text);
        Assert.DoesNotContain("AKIAEXAMPLEKEY12345", red);
        Assert.DoesNotContain("wJalrXUtnFEMI", red);
        Assert.DoesNotContain("ASIAOTHERKEY", red);
        Assert.DoesNotContain("0123456789abcdef", red);
        Assert.EndsWith("short", red); // short values are not treated as secrets
    }
}

public sealed class StageValuesTests
{
    private static string Write(string json)
    {
        var f = Path.Combine(Directory.CreateTempSubdirectory("flowstate-values-").FullName, "flowstate.prod.json");
        File.WriteAllText(f, json);
        return f;
    }

    [Fact]
    public void StackSectionOverridesTopLevel()
    {
        var f = Write("""
            { "region": "eu-central-1", "parameters": { "A": "1", "B": "2" }, "tags": { "team": "data" },
              "stacks": { "orders": { "stackName": "orders-production", "parameters": { "B": "3" }, "tags": { "cost": "x" } } } }
            """);
        var v = StageValues.Load("prod", "orders", f);
        Assert.Equal("eu-central-1", v.Region);
        Assert.Equal("orders-production", v.StackName);
        Assert.Equal("1", v.Parameters["A"]);
        Assert.Equal("3", v.Parameters["B"]);
        Assert.Equal(new[] { "cost", "team" }, v.Tags.Keys.Order());
    }

    [Theory]
    [InlineData("""{ "regoin": "x" }""", "unknown key 'regoin'")]
    [InlineData("""{ "stacks": { "orders": { "parameter": {} } } }""", "unknown key 'stacks.orders.parameter'")]
    [InlineData("""{ "parameters": { "A": [1] } }""", "'parameters.A' must be a string")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{ "parameters": """, "is not valid JSON")]
    public void BadFiles_AreErrorsNamingTheFileAndKey(string json, string message)
    {
        var f = Write(json);
        var e = Assert.Throws<DeployException>(() => StageValues.Load("prod", "orders", f));
        Assert.Contains(message, e.Message);
        Assert.Contains(f, e.Message);
    }

    [Fact]
    public void BadStageName_IsAUsageError()
        => Assert.Equal(ExitCodes.Usage, Assert.Throws<DeployException>(() => StageValues.Load("Prod!", "orders", null)).ExitCode);
}
