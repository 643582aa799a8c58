using System.Text.Json.Nodes;
using Flowstate.Deploy.Aws;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// A hand-written template of the shape the generator emits (issue 7): a role, the orders pipeline
/// (with a Retry to change), a machine that succeeds and one that fails (for start --wait), a
/// schedule, outputs. Machines use DefinitionString because moto ignores Definition (MotoGapsTests).
/// </summary>
internal static class TestApp
{
    public const string App = "OrdersApp";
    public const string StackBase = "orders";

    public static DeployStack Stack(int maxAttempts = 3, bool archive = false, string cron = "cron(0 2 * * ? *)", int padding = 0)
        => new(App, StackBase, Template(maxAttempts, archive, cron, padding), new[] { "orders-etl", "hello", "broken" });

    public static string Template(int maxAttempts, bool archive, string cron, int padding)
    {
        var orders = new JsonObject
        {
            ["Comment"] = "Orders ETL",
            ["StartAt"] = "Extract",
            ["States"] = new JsonObject
            {
                ["Extract"] = new JsonObject { ["Type"] = "Pass", ["Result"] = new JsonObject { ["rows"] = 3 }, ["ResultPath"] = "$.extract", ["Next"] = "TransformData" },
                ["TransformData"] = new JsonObject
                {
                    ["Type"] = "Task",
                    ["Resource"] = "arn:aws:states:::glue:startJobRun.sync",
                    ["Parameters"] = new JsonObject { ["JobName"] = "${TransformJobName}" },
                    ["Retry"] = new JsonArray(new JsonObject { ["ErrorEquals"] = new JsonArray("States.ALL"), ["IntervalSeconds"] = 2, ["MaxAttempts"] = maxAttempts }),
                    ["Next"] = archive ? "Archive" : "Done",
                },
                ["Done"] = new JsonObject { ["Type"] = "Succeed" },
            },
        };
        if (archive) ((JsonObject)orders["States"]!)["Archive"] = new JsonObject { ["Type"] = "Pass", ["Next"] = "Done" };
        var hello = new JsonObject
        {
            ["StartAt"] = "Greet",
            ["States"] = new JsonObject
            {
                ["Greet"] = new JsonObject { ["Type"] = "Pass", ["Result"] = "hello", ["ResultPath"] = "$.greeting", ["Next"] = "Finish" },
                ["Finish"] = new JsonObject { ["Type"] = "Succeed" },
            },
        };
        var broken = new JsonObject
        {
            ["StartAt"] = "Check",
            ["States"] = new JsonObject
            {
                ["Check"] = new JsonObject { ["Type"] = "Pass", ["Next"] = "Boom" },
                ["Boom"] = new JsonObject { ["Type"] = "Fail", ["Error"] = "NoData", ["Cause"] = "The extract returned no rows" },
            },
        };
        JsonObject Machine(string logicalId, string name, JsonObject definition) => new()
        {
            ["Type"] = "AWS::StepFunctions::StateMachine",
            ["Metadata"] = new JsonObject { ["Flowstate"] = new JsonObject { ["StateMachineName"] = name } },
            ["Properties"] = new JsonObject
            {
                ["StateMachineName"] = name,
                ["RoleArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("PipelineRole", "Arn") },
                ["DefinitionString"] = definition.ToJsonString(),
            },
        };
        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = "Flowstate test app" + new string(' ', padding),
            ["Parameters"] = new JsonObject
            {
                ["TransformJobName"] = new JsonObject { ["Type"] = "String" },
                ["AlertEmail"] = new JsonObject { ["Type"] = "String", ["Default"] = "ops@example.com" },
            },
            ["Resources"] = new JsonObject
            {
                ["PipelineRole"] = new JsonObject
                {
                    ["Type"] = "AWS::IAM::Role",
                    ["Properties"] = new JsonObject
                    {
                        ["AssumeRolePolicyDocument"] = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}"""),
                    },
                },
                ["OrdersEtl"] = Machine("OrdersEtl", "orders-etl", orders),
                ["Hello"] = Machine("Hello", "hello", hello),
                ["Broken"] = Machine("Broken", "broken", broken),
                ["OrdersEtlSchedule"] = new JsonObject
                {
                    ["Type"] = "AWS::Scheduler::Schedule",
                    ["Properties"] = new JsonObject
                    {
                        ["ScheduleExpression"] = cron,
                        ["ScheduleExpressionTimezone"] = "Europe/Berlin",
                        ["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "OFF" },
                        ["Target"] = new JsonObject
                        {
                            ["Arn"] = new JsonObject { ["Ref"] = "OrdersEtl" },
                            ["RoleArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("PipelineRole", "Arn") },
                        },
                    },
                },
            },
            ["Outputs"] = new JsonObject
            {
                ["OrdersEtlArn"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "OrdersEtl" } },
            },
        };
        return template.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}

/// <summary>Runs the deploy command line in-process against an endpoint, with injected credentials and fast timings.</summary>
internal sealed class DeployCli
{
    public const string AccessKey = "AKIAFLOWSTATETEST01";
    public const string SecretKey = "flowstate-test-secret-key-0000000000000";

    private readonly string _valuesFile;

    public DeployCli(string endpoint, string? valuesJson = null)
    {
        Endpoint = endpoint;
        var dir = Directory.CreateTempSubdirectory("flowstate-deploy-").FullName;
        _valuesFile = Path.Combine(dir, "flowstate.dev.json");
        File.WriteAllText(_valuesFile, valuesJson ?? """{ "parameters": { "TransformJobName": "transform-dev" } }""");
    }

    public string Endpoint { get; }
    public string ValuesFile => _valuesFile;
    public Dictionary<string, string> Env { get; } = new()
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = "us-east-1",
        ["HOME"] = Path.GetTempPath(),
    };
    public RetrySettings Retry { get; set; } = new(MaxRetries: 6, BaseDelay: TimeSpan.FromMilliseconds(5), MaxDelay: TimeSpan.FromMilliseconds(50), AttemptTimeout: TimeSpan.FromSeconds(3));
    public string Input { get; set; } = "";
    public bool Interactive { get; set; }
    public Func<IReadOnlyList<string>, string?, DateTime, int, IReadOnlyList<DateTime>>? NextRuns { get; set; }
    public HttpMessageHandler? Handler { get; set; }

    public sealed record Result(int ExitCode, string Out, string Err)
    {
        public string All => Out + "\n" + Err;
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
    }

    public Result Run(DeployStack stack, params string[] args) => Run(stack, CancellationToken.None, args);

    public Result Run(DeployStack stack, CancellationToken ct, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new DeployHost
        {
            Out = output, Error = error, In = new StringReader(Input), Environment = AwsEnvironment.From(Env), Interactive = Interactive,
            HttpHandler = Handler, Retry = Retry, Settings = new DeploySettings(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30)), NextRuns = NextRuns,
        };
        var full = args.Concat(new[] { "--endpoint-url", Endpoint, "--values", _valuesFile }).ToArray();
        var root = new System.CommandLine.RootCommand("test");
        foreach (var c in DeployCommands.Create(new[] { stack }, host)) root.Add(c);
        var parse = root.Parse(full, DeployConsole.ParserConfiguration);
        Assert.True(parse.Errors.Count == 0, string.Join("; ", parse.Errors.Select(e => e.Message)));
        var code = parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, ct).GetAwaiter().GetResult();
        return new Result(code, output.ToString(), error.ToString());
    }
}
