using Flowstate.Core.Asl;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using static Flowstate.Generator.Tests.Asl.AslTestHelpers;

namespace Flowstate.Generator.Tests.Asl;

public class AslWriterTests
{
    // docs/design.md, "ASL output". Iterator takes ItemProcessor's place when ProcessorIsIterator.
    private static readonly string[] StateOrder =
    {
        "Type", "Comment", "QueryLanguage", "Resource", "Choices", "Default", "Seconds", "SecondsPath", "Timestamp",
        "TimestampPath", "Error", "ErrorPath", "Cause", "CausePath", "Branches", "ItemsPath", "Items", "ItemReader",
        "ItemSelector", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailureCount",
        "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
        "ItemProcessor", "ResultWriter", "InputPath", "Parameters", "Arguments", "Result", "ResultSelector", "ResultPath",
        "OutputPath", "Output", "Assign", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds",
        "HeartbeatSecondsPath", "Credentials", "Retry", "Catch", "Next", "End",
    };

    private static readonly string[] MachineOrder = { "Comment", "QueryLanguage", "StartAt", "States", "TimeoutSeconds", "Version" };
    private static readonly string[] ScopeOrder = { "Comment", "ProcessorConfig", "StartAt", "States" };
    private static readonly string[] RetrierOrder = { "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment" };
    private static readonly string[] CatcherOrder = { "ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment" };
    private static readonly string[] RuleOrder = { "Variable", "StringEquals", "And", "Or", "Not", "Condition", "Next", "Comment", "Assign", "Output" };

    private static string ValueFor(string field) => field switch
    {
        "Branches" => "[{'StartAt':'x','States':{}}]",
        "ItemProcessor" => "{'StartAt':'x','States':{}}",
        "Choices" => "[]",
        "Retry" or "Catch" => "[]",
        "End" => "true",
        "Seconds" or "TimeoutSeconds" or "HeartbeatSeconds" or "MaxConcurrency" or "ToleratedFailureCount" or "ToleratedFailurePercentage" or "IntervalSeconds" or "MaxAttempts" or "BackoffRate" or "MaxDelaySeconds" => "1",
        "ErrorEquals" => "['E']",
        "States" => "{}",
        "And" or "Or" => "[{'Variable':'$.a','IsPresent':true}]",
        "Not" => "{'Variable':'$.a','IsPresent':true}",
        _ => "'v'",
    };

    // Every field, in reverse of the conventional order, then an unknown field in the middle.
    private static string ObjectWith(IEnumerable<string> fields) =>
        "{" + string.Join(",", fields.Reverse().Select((f, i) => (i == 3 ? "'Unknown':0," : "") + $"'{f}':{ValueFor(f)}")) + "}";

    [Fact]
    public void StateWithEveryField_Written_FollowsTheConventionalOrderThenExtras()
    {
        var json = Q("{'StartAt':'S','States':{'S':" + ObjectWith(StateOrder) + "}}");

        var state = AslWriter.ToJson(Read(json))["States"]!["S"]!;

        Assert.Equal(StateOrder.Append("Unknown"), state.Properties.Select(p => p.Name));
        AssertRoundTrips(json);
    }

    [Fact]
    public void MachineWithEveryField_Written_FollowsTheConventionalOrderThenExtras()
    {
        var machine = AslWriter.ToJson(Read(Q(ObjectWith(MachineOrder))));

        Assert.Equal(MachineOrder.Append("Unknown"), machine.Properties.Select(p => p.Name));
    }

    [Fact]
    public void ScopeRetrierCatcherAndRule_Written_FollowTheirConventionalOrders()
    {
        var json = Q("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':[" + ObjectWith(ScopeOrder) + "],"
            + "'Retry':[" + ObjectWith(RetrierOrder) + "],'Catch':[" + ObjectWith(CatcherOrder) + "],'End':true},"
            + "'C':{'Type':'Choice','Choices':[" + ObjectWith(RuleOrder) + "]}}}");

        var states = AslWriter.ToJson(Read(json))["States"]!;

        Assert.Equal(ScopeOrder.Append("Unknown"), states["P"]!["Branches"]!.Items[0].Properties.Select(p => p.Name));
        Assert.Equal(RetrierOrder.Append("Unknown"), states["P"]!["Retry"]!.Items[0].Properties.Select(p => p.Name));
        Assert.Equal(CatcherOrder.Append("Unknown"), states["P"]!["Catch"]!.Items[0].Properties.Select(p => p.Name));
        Assert.Equal(RuleOrder.Append("Unknown"), states["C"]!["Choices"]!.Items[0].Properties.Select(p => p.Name));
    }

    [Fact]
    public void RepresentativeCorpusTask_Written_HasConventionalKeyOrder()
    {
        // Written by its authors as Type, Resource, Parameters, Retry, Catch, ResultPath, Next.
        var spec = Read(Corpus.Read("app-control-concurrency-with-dynamodb-tf_statemachines_dynamodb-semaphore.asl.json"));
        var task = AslCorpusTypedFieldsTests.AllStates(spec.Root).Single(s => s.Name == "Release Lock");

        var keys = AslWriter.StateToJson(task).Properties.Select(p => p.Name);

        Assert.Equal(new[] { "Type", "Resource", "Parameters", "ResultPath", "Retry", "Catch", "Next" }, keys);
    }

    [Fact]
    public void IteratorMap_Written_UsesIteratorKeyInTheProcessorPlace()
    {
        var state = new StateSpec
        {
            Name = "M",
            Type = "Map",
            Processor = new ScopeSpec { StartAt = "X", States = EquatableArray.Create(new StateSpec { Name = "X", Type = "Succeed" }) },
            ProcessorIsIterator = true,
            ItemsPath = "$.items",
            ResultPath = JsonValue.Null,
            End = true,
        };

        var json = AslWriter.StateToJson(state);

        Assert.Equal(new[] { "Type", "ItemsPath", "Iterator", "ResultPath", "End" }, json.Properties.Select(p => p.Name));
        Assert.Equal("null", json["ResultPath"]!.ToString());
    }

    [Fact]
    public void SpecBuiltInCode_Written_IsPrettyPrintedWithTrailingNewline()
    {
        var spec = new StateMachineSpec
        {
            Name = "m",
            Comment = "c",
            Root = new ScopeSpec { StartAt = "A", States = EquatableArray.Create(new StateSpec { Name = "A", Type = "Pass", Result = JsonValue.Number(2.5), End = true }) },
        };

        var text = AslWriter.Write(spec);

        Assert.Equal("{\n  \"Comment\": \"c\",\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"Result\": 2.5,\n      \"End\": true\n    }\n  }\n}\n", text);
    }

    [Fact]
    public void EmptyScope_Written_HasEmptyStatesObject()
    {
        var spec = new StateMachineSpec { Name = "m", Root = new ScopeSpec() };

        Assert.Equal("{\n  \"States\": {}\n}\n", AslWriter.Write(spec));
    }

    [Fact]
    public void RuleWithOperatorButNoOperand_Written_HasNullOperand()
    {
        var rule = new ChoiceRuleSpec { Variable = "$.x", Operator = "IsNull", Next = "A" };

        Assert.Equal("{\"Variable\":\"$.x\",\"IsNull\":null,\"Next\":\"A\"}", AslWriter.RuleToJson(rule).ToString());
    }

    [Fact]
    public void RawState_Written_IsVerbatim()
    {
        var raw = JsonReader.Parse("[1, {\"b\": 2.50}]").Value!;
        var state = new StateSpec { Name = "R", Raw = raw, Type = "Ignored", Next = "Ignored" };

        Assert.Same(raw, AslWriter.StateToJson(state));
    }

    [Fact]
    public void Output_DependsOnlyOnTheModel_NotOnLocationsOrIntegration()
    {
        var compact = Q("{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'r','End':true}}}");
        var spaced = Q("{\n\n  'States' : {  'A' : { 'End' : true , 'Resource' : 'r', 'Type' : 'Task' } },\r\n 'StartAt' : 'A' }");
        var a = Read(compact, "one.json");
        var b = Read(spaced, "two.json");
        var c = a with { Root = a.Root with { States = EquatableArray.Create(a.Root.States[0] with { Integration = "LambdaInvoke" }) } };

        Assert.NotEqual(a.Location, b.Location);
        Assert.Equal(AslWriter.Write(a), AslWriter.Write(b));
        Assert.Equal(AslWriter.Write(a), AslWriter.Write(c));
    }
}
