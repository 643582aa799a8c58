using System.Text.Json;
using System.Text.Json.Nodes;
using Flowstate.Generator.Tests.Generator;
using Flowstate.Generator.Tests.Support;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// The sample's state machine, schedule, S3 trigger and role written as a SAM user writes them
/// (Deployment/Sam/daily-etl.sam.json, an AWS::Serverless::StateMachine with ScheduleV2 and EventBridgeRule
/// events), translated by aws-sam-translator 1.110 (tools/requirements.txt), against the template Flowstate
/// generates for samples/DailyEtl: the same resources, and every property equal except the differences
/// listed below, each explained. A new difference, or one that went away, fails the test.
/// </summary>
public class SamComparisonTests
{
    /// <summary>SAM's logical id -> Flowstate's, for the resources SAM generates from the state machine.</summary>
    private static readonly Dictionary<string, string> s_samToFlowstate = new(StringComparer.Ordinal)
    {
        ["DailyEtlPipeline"] = "DailyEtlPipeline",
        ["DailyEtlPipelineRole"] = "DailyEtlPipelineRole",
        ["DailyEtlPipelineSchedule"] = "DailyEtlPipelineSchedule",
        ["DailyEtlPipelineScheduleRole"] = "DailyEtlPipelineScheduleRole",
        ["DailyEtlPipelineS3Trigger"] = "DailyEtlPipelineS3Trigger",
        // SAM gives every event its own role; Flowstate gives a machine one role for all its EventBridge rules
        // (the same trust and the same single permission, states:StartExecution on this machine).
        ["DailyEtlPipelineS3TriggerRole"] = "DailyEtlPipelineEventsRole",
        // Passed through unchanged by SAM (plain resources of the SAM template, referenced by the machine).
        ["DailyEtlPipelineLogGroup"] = "DailyEtlPipelineLogGroup",
        ["AlertTopic"] = "AlertTopic",
    };

    /// <summary>Flowstate resources with no counterpart in an AWS::Serverless::StateMachine, and why.</summary>
    private static readonly Dictionary<string, string> s_onlyInFlowstate = new(StringComparer.Ordinal)
    {
        ["AlertTopicPolicy"] = "[assembly: FlowstateTopic] creates the topic with a policy letting EventBridge and CloudWatch publish; SAM has no such option",
        ["DailyEtlPipelineExecutionsFailedAlarm"] = "[Alarm]: SAM's state machine has no alarms (a SAM user adds AWS::CloudWatch::Alarm by hand)",
        ["DailyEtlPipelineExecutionsTimedOutAlarm"] = "[Alarm], as above",
        ["DailyEtlPipelineFailureNotification"] = "[NotifyOnFailure]: an EventBridge rule to SNS, not an event source of the machine; SAM has no such option",
    };

    /// <summary>"resource: path" -> why Flowstate's value differs from SAM's (or exists in only one of them).</summary>
    private static readonly Dictionary<string, string> s_differences = new(StringComparer.Ordinal)
    {
        // The state machine
        ["DailyEtlPipeline: Metadata (only in Flowstate)"] = "Metadata.Flowstate.StateMachineName: the deploy program finds the machine's logical id by its declared name (the deployed name carries the stage suffix)",
        ["DailyEtlPipeline: Properties.Definition (only in Flowstate)"] = "Flowstate writes the definition as a JSON object (readable in the template and in CloudFormation's console); SAM turns Definition into DefinitionString. The test checks that the two hold the same JSON",
        ["DailyEtlPipeline: Properties.DefinitionString (only in SAM)"] = "the other side of the line above",
        ["DailyEtlPipeline: Properties.Tags (only in SAM)"] = "SAM tags what it creates stateMachine:createdBy=SAM; Flowstate writes only the tags declared with [FlowstateTag] (the sample declares none)",
        // The machine's role
        ["DailyEtlPipelineRole: Properties.AssumeRolePolicyDocument.Statement[0].Condition (only in Flowstate)"] = string.Format(Trust, " and aws:SourceArn = this state machine's ARN"),
        ["DailyEtlPipelineRole: Properties.Description (only in Flowstate)"] = "Flowstate describes every role it generates (what it is for); SAM sets no description",
        ["DailyEtlPipelineRole: Properties.ManagedPolicyArns (only in SAM)"] = "SAM always writes ManagedPolicyArns, here empty: no managed policy on either side",
        ["DailyEtlPipelineRole: Properties.Policies[0].PolicyDocument.Version (only in Flowstate)"] = "Flowstate writes Version 2012-10-17 in every policy document (IAM's current policy language; without it IAM assumes the 2008 version, which lacks policy variables). SAM leaves it out of inline policies",
        ["DailyEtlPipelineRole: Properties.Policies[0].PolicyName"] = "inline policy names: Flowstate <Machine>Policy, SAM <Machine>RolePolicy0 (names only; the statements are equal)",
        ["DailyEtlPipelineRole: Properties.Tags (only in SAM)"] = "SAM's stateMachine:createdBy=SAM tag, as on the machine",
        // The S3 trigger (EventBridge rule) and the events role
        ["DailyEtlPipelineS3Trigger: Properties.Description (only in Flowstate)"] = "Flowstate describes each rule (which machine it starts, on which bucket); SAM's EventBridgeRule event has no Description",
        ["DailyEtlPipelineEventsRole: Properties.AssumeRolePolicyDocument.Statement[0].Condition (only in Flowstate)"] = string.Format(Trust, ""),
        ["DailyEtlPipelineEventsRole: Properties.Description (only in Flowstate)"] = "as for the machine's role",
        ["DailyEtlPipelineEventsRole: Properties.Policies[0].PolicyDocument.Version (only in Flowstate)"] = "as for the machine's role",
        ["DailyEtlPipelineEventsRole: Properties.Policies[0].PolicyName"] = "inline policy names: Flowstate StartExecution, SAM <Rule>RoleStartExecutionPolicy (the statement is equal: states:StartExecution on the machine)",
        // The schedule and its role
        ["DailyEtlPipelineSchedule: Properties.Name (only in SAM)"] = "SAM names the schedule after its logical id (DailyEtlPipelineSchedule), so two stages of the app in one account and region collide on it (Name is unique per schedule group); Flowstate leaves the name to CloudFormation",
        ["DailyEtlPipelineScheduleRole: Properties.AssumeRolePolicyDocument.Statement[0].Condition (only in Flowstate)"] = string.Format(Trust, ""),
        ["DailyEtlPipelineScheduleRole: Properties.Description (only in Flowstate)"] = "as for the machine's role",
        ["DailyEtlPipelineScheduleRole: Properties.Policies[0].PolicyDocument.Version (only in Flowstate)"] = "as for the machine's role",
        ["DailyEtlPipelineScheduleRole: Properties.Policies[0].PolicyName"] = "inline policy names: Flowstate StartExecution, SAM <Schedule>StartExecutionPolicy (the statement is equal)",
    };

    private const string Trust = "Flowstate adds the confused-deputy conditions to the trust policy (aws:SourceAccount = this account{0}); SAM trusts the service principal without a condition";

    [Fact]
    public void SampleStack_AsSamTranslates_SameResourcesAndProperties_ExceptTheExplainedDifferences()
    {
        var run = CompilationGeneratorRunner.Execute(GoldenScenarios.All["Sample"]);
        var stack = Assert.Single(CompilationGeneratorRunner.Stacks(CompilationGeneratorRunner.Load(run.Output)));
        var flowstate = JsonNode.Parse(stack.TemplateJson)!.AsObject();
        var flowstateResources = flowstate["Resources"]!.AsObject();

        var samTemplate = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deployment", "Sam", "daily-etl.sam.json")))!.AsObject();
        samTemplate["Resources"]!["DailyEtlPipeline"]!["Properties"]!["Definition"] = flowstateResources["DailyEtlPipeline"]!["Properties"]!["Definition"]!.DeepClone();
        var translated = SamTranslator.Translate(samTemplate.ToJsonString());
        var samResources = Rename(translated["Resources"]!.DeepClone(), s_samToFlowstate).AsObject();

        // The same resources, under the mapping above.
        Assert.Equal(s_samToFlowstate.Values.Order(StringComparer.Ordinal), samResources.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(s_samToFlowstate.Values.Concat(s_onlyInFlowstate.Keys).Order(StringComparer.Ordinal), flowstateResources.Select(r => r.Key).Order(StringComparer.Ordinal));

        // SAM writes the definition as DefinitionString, an Fn::Join of pretty-printed lines: the same JSON.
        var samDefinition = samResources["DailyEtlPipeline"]!["Properties"]!["DefinitionString"]!["Fn::Join"]!.AsArray();
        var joined = string.Join(samDefinition[0]!.GetValue<string>(), samDefinition[1]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(joined), flowstateResources["DailyEtlPipeline"]!["Properties"]!["Definition"]), "SAM's DefinitionString is not Flowstate's Definition");

        var differences = new List<string>();
        foreach (var (id, sam) in samResources)
            Compare(id, "", flowstateResources[id], sam, differences);

        var unexplained = differences.Where(d => !s_differences.ContainsKey(d)).ToList();
        var gone = s_differences.Keys.Where(d => !differences.Contains(d)).ToList();
        Assert.True(unexplained.Count == 0 && gone.Count == 0,
            "differences not explained:\n" + string.Join("\n", unexplained) + "\nexplained differences that no longer occur:\n" + string.Join("\n", gone));
    }

    /// <summary>Leaf differences as "resource: path" (path like Properties.Targets[0].Id); "(only in ...)" when one side lacks the member.</summary>
    private static void Compare(string resource, string path, JsonNode? flowstate, JsonNode? sam, List<string> into)
    {
        if (flowstate is null || sam is null)
        {
            if (flowstate is not null || sam is not null) into.Add(resource + ": " + path + (flowstate is null ? " (only in SAM)" : " (only in Flowstate)"));
            return;
        }
        // IAM reads a single string and a one-element list alike (Action, Principal.Service, Resource).
        if (IsIamPath(path))
        {
            if (flowstate is JsonValue && sam is JsonArray { Count: 1 } s) sam = s[0];
            if (sam is JsonValue && flowstate is JsonArray { Count: 1 } f) flowstate = f[0];
        }
        switch (flowstate, sam)
        {
            case (JsonObject f, JsonObject s):
                foreach (var name in f.Select(p => p.Key).Union(s.Select(p => p.Key)).Order(StringComparer.Ordinal))
                    Compare(resource, path.Length == 0 ? name : path + "." + name, f[name], s[name], into);
                break;
            case (JsonArray f, JsonArray s) when f.Count == s.Count:
                for (var i = 0; i < f.Count; i++) Compare(resource, path + "[" + i + "]", f[i], s[i], into);
                break;
            default:
                if (!JsonNode.DeepEquals(flowstate, sam)) into.Add(resource + ": " + path);
                break;
        }
    }

    private static bool IsIamPath(string path) => path.Contains("PolicyDocument", StringComparison.Ordinal);

    /// <summary>Renames logical ids in the resources' keys and in every Ref / Fn::GetAtt.</summary>
    private static JsonNode Rename(JsonNode node, IReadOnlyDictionary<string, string> ids)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (name, value) in o.ToList())
                {
                    var key = o.Parent is null && ids.TryGetValue(name, out var renamed) ? renamed : name;
                    JsonNode? v = value is null ? null : Rename(value.DeepClone(), ids);
                    if (name == "Ref" && v is JsonValue r && ids.TryGetValue(r.GetValue<string>(), out var refTo)) v = refTo;
                    if (name == "Fn::GetAtt" && v is JsonArray { Count: 2 } g && ids.TryGetValue(g[0]!.GetValue<string>(), out var attTo)) v = new JsonArray(attTo, g[1]!.GetValue<string>());
                    result[key] = v;
                }
                return result;
            case JsonArray a:
                return new JsonArray(a.Select(i => i is null ? null : Rename(i.DeepClone(), ids)).ToArray());
            default:
                return node;
        }
    }
}

/// <summary>Runs aws-sam-translator (1.110, tools/requirements.txt) on a SAM template; fails with an install hint when it is missing.</summary>
internal static class SamTranslator
{
    private const string Script = """
        import json, sys
        try:
            from samtranslator.translator.transform import transform
        except ImportError:
            sys.exit(97)
        class NoManagedPolicies:
            # The template names no managed policy, so nothing needs to be looked up in IAM.
            def load(self): return {}
        template = json.load(sys.stdin)
        json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, sort_keys=True)
        """;

    public static JsonObject Translate(string samTemplateJson)
    {
        // The translator resolves ${AWS::Region} for some resources; any region works, nothing is called.
        var run = PythonTool.Run(Script, "aws-sam-translator==1.110.0", stdin: samTemplateJson,
            environment: new Dictionary<string, string> { ["AWS_DEFAULT_REGION"] = "eu-central-1" });
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"aws-sam-translator failed (exit {run.ExitCode}): {run.Stderr}");
        return JsonNode.Parse(run.Stdout)!.AsObject();
    }
}
