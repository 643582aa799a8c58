using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Tests.Parsing;

public class IntegrationParsingTests : ParsingTestBase
{
    public static TheoryData<string> Integrations()
    {
        var data = new TheoryData<string>();
        foreach (var info in IntegrationCatalog.All) data.Add(info.AttributeName);
        return data;
    }

    private static string ValueFor(IntegrationParam p) => p.Kind switch
    {
        ParamKind.String => $"\"{p.Property}-value\"",
        ParamKind.Json => "\"{\\\"k\\\": [1, \\\"two\\\"]}\"",
        ParamKind.Int => "7",
        _ => "true",
    };

    private static JsonValue ExpectedFor(IntegrationParam p) => p.Kind switch
    {
        ParamKind.String => S(p.Property + "-value"),
        ParamKind.Json => J("{\"k\": [1, \"two\"]}"),
        ParamKind.Int => N(7),
        _ => JsonValue.True,
    };

    [Theory]
    [MemberData(nameof(Integrations))]
    public void TypedIntegration_EveryProperty_BecomesPayloadKeyInCatalogOrder(string attributeName)
    {
        var info = IntegrationCatalog.FindByAttribute(attributeName)!;
        var arguments = string.Join(", ", info.Params.Select(p => $"{p.Property} = {ValueFor(p)}"));
        var s = Spec($"[StateMachine] public partial class M {{ [{attributeName}({arguments}, End = true)] public class T; }}").Root.States[0];

        Assert.Equal("Task", s.Type);
        Assert.Equal(attributeName, s.Integration);
        Assert.Equal("arn:aws:states:::" + info.ResourceBase, s.Resource);
        var expected = JsonValue.Object(info.Params.Select(p => new JsonProperty(p.JsonKey, ExpectedFor(p))));
        Assert.Equal(expected, s.Parameters);
        Assert.Null(s.Arguments);
    }

    [Theory]
    [MemberData(nameof(Integrations))]
    public void TypedIntegration_PathProperties_BecomeDollarKeys(string attributeName)
    {
        var info = IntegrationCatalog.FindByAttribute(attributeName)!;
        var withPath = info.Params.Where(p => p.PathProperty is not null).ToList();
        if (withPath.Count == 0) return;
        var arguments = string.Join(", ", withPath.Select(p => $"{p.PathProperty} = \"$.{p.Property}\""));
        var s = Spec($"[StateMachine] public partial class M {{ [{attributeName}({arguments})] public class T; }}").Root.States[0];

        var expected = JsonValue.Object(withPath.Select(p => new JsonProperty(p.JsonKey + ".$", S("$." + p.Property))));
        Assert.Equal(expected, s.Parameters);
    }

    [Theory]
    [MemberData(nameof(Integrations))]
    public void TypedIntegration_EverySupportedPattern_AddsItsSuffix(string attributeName)
    {
        var info = IntegrationCatalog.FindByAttribute(attributeName)!;
        foreach (var pattern in info.Patterns)
        {
            var s = Spec($"[StateMachine] public partial class M {{ [{attributeName}(Integration = IntegrationPattern.{pattern})] public class T; }}").Root.States[0];
            Assert.Equal("arn:aws:states:::" + info.ResourceBase + IntegrationCatalog.Suffix(pattern), s.Resource);
        }
    }

    [Fact]
    public void LambdaInvoke_ConstructorArgument_IsFunctionName()
    {
        var s = Spec("""[StateMachine] public partial class M { [LambdaInvoke("${Fn}", PayloadPath = "$")] public class T; }""").Root.States[0];
        Assert.Equal("arn:aws:states:::lambda:invoke", s.Resource);
        Assert.Equal(J("{\"FunctionName\": \"${Fn}\", \"Payload.$\": \"$\"}"), s.Parameters);
    }

    [Fact]
    public void TypedIntegration_JsonataMachine_KeysGoToArguments()
    {
        var spec = Spec("""
            [StateMachine(QueryLanguage = QueryLanguage.Jsonata)] public partial class M
            {
                [LambdaInvoke("f", Payload = "{% $states.input %}", Arguments = "{\"Qualifier\": \"live\"}")] public class T;
            }
            """);
        var s = spec.Root.States[0];
        Assert.Null(s.Parameters);
        Assert.Equal(J("{\"FunctionName\": \"f\", \"Payload\": \"{% $states.input %}\", \"Qualifier\": \"live\"}"), s.Arguments);
    }

    [Fact]
    public void TypedIntegration_JsonataState_KeysGoToArguments()
    {
        var s = Spec("""[StateMachine] public partial class M { [SnsPublish("topic", QueryLanguage = QueryLanguage.Jsonata, Message = "\"hi\"")] public class T; }""").Root.States[0];
        Assert.Equal(J("{\"TopicArn\": \"topic\", \"Message\": \"hi\"}"), s.Arguments);
        Assert.Null(s.Parameters);
    }

    [Fact]
    public void TypedIntegration_JsonPathStateInJsonataMachine_KeysGoToParameters()
    {
        var s = Spec("""[StateMachine(QueryLanguage = QueryLanguage.Jsonata)] public partial class M { [SnsPublish("topic", QueryLanguage = QueryLanguage.JsonPath)] public class T; }""").Root.States[0];
        Assert.Equal(J("{\"TopicArn\": \"topic\"}"), s.Parameters);
    }

    [Fact]
    public void TypedIntegration_ExtraParameters_AppendedAfterTypedKeys()
    {
        var s = Spec("""[StateMachine] public partial class M { [LambdaInvoke("f", Parameters = "{\"ClientContext\": \"abc\", \"Z\": 1}")] public class T; }""").Root.States[0];
        Assert.Equal(J("{\"FunctionName\": \"f\", \"ClientContext\": \"abc\", \"Z\": 1}"), s.Parameters);
    }

    [Fact]
    public void TypedIntegration_NothingSet_HasNoParameters()
    {
        var s = Spec("[StateMachine] public partial class M { [DynamoDbGetItem] public class T; }").Root.States[0];
        Assert.Equal("arn:aws:states:::dynamodb:getItem", s.Resource);
        Assert.Null(s.Parameters);
    }

    [Fact]
    public void TypedIntegration_ExplicitNullString_WritesNullKey()
    {
        var s = Spec("[StateMachine] public partial class M { [LambdaInvoke(Qualifier = null)] public class T; }").Root.States[0];
        Assert.Equal(J("{\"Qualifier\": null}"), s.Parameters);
    }

    [Fact]
    public void TypedIntegration_ValueAndPathBothSet_ReportsFlow0006OnPath()
    {
        const string source = """[StateMachine] public partial class M { [LambdaInvoke("f", FunctionNamePath = "$.fn")] public class T; }""";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.ConflictingProperties);
        Assert.Equal("\"$.fn\"", TextAt(source, d.Location));
        Assert.Equal("state 'T'", d.MessageArgs[0]);
        Assert.Contains("FunctionName and FunctionNamePath", d.MessageArgs[1]);
    }

    [Fact]
    public void TypedIntegration_ParametersKeyDuplicatesTypedKey_ReportsFlow0006()
    {
        const string source = """[StateMachine] public partial class M { [LambdaInvoke("f", Parameters = "{\"FunctionName.$\": \"$.x\"}")] public class T; }""";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.ConflictingProperties);
        Assert.Contains("FunctionName.$", d.MessageArgs[1]);
        Assert.StartsWith("\"{", TextAt(source, d.Location));
    }

    [Fact]
    public void TypedIntegration_ConstructorAndNamedValue_ReportsFlow0006()
    {
        var result = Parse("""[StateMachine] public partial class M { [SnsPublish("a", TopicArn = "b")] public class T; }""");
        Single(result, DiagnosticIds.ConflictingProperties);
        Assert.Equal(J("{\"TopicArn\": \"b\"}"), result.Spec!.Root.States[0].Parameters);
    }

    [Fact]
    public void TypedIntegration_ParametersNotAnObject_ReportsFlow0006()
    {
        var result = Parse("""[StateMachine] public partial class M { [LambdaInvoke("f", Parameters = "[1]")] public class T; }""");
        Single(result, DiagnosticIds.ConflictingProperties);
    }

    [Fact]
    public void TypedIntegration_UnsupportedPattern_ReportsFlow0009OnIntegrationArgument()
    {
        const string source = """[StateMachine] public partial class M { [LambdaInvoke("f", Integration = IntegrationPattern.Sync)] public class T; }""";
        var result = Parse(source, locations: true);
        var d = Single(result, DiagnosticIds.UnsupportedIntegrationPattern);
        Assert.Equal(new[] { "T", "LambdaInvoke", "Sync", "IntegrationPattern.RequestResponse, IntegrationPattern.WaitForTaskToken" }, d.MessageArgs.ToArray());
        Assert.Equal("IntegrationPattern.Sync", TextAt(source, d.Location));
        Assert.Equal("arn:aws:states:::lambda:invoke.sync", result.Spec!.Root.States[0].Resource);
    }

    [Fact]
    public void AwsSdk_SyncPattern_ReportsFlow0009()
    {
        var result = Parse("""[StateMachine] public partial class M { [AwsSdk("s3", "getObject", Integration = IntegrationPattern.Sync)] public class T; }""");
        Single(result, DiagnosticIds.UnsupportedIntegrationPattern);
    }

    [Fact]
    public void GlueStartJobRun_JobArguments_KeyIsArguments()
    {
        var s = Spec("""
            [StateMachine] public partial class M
            {
                [GlueStartJobRun("transform", Integration = IntegrationPattern.Sync, JobArguments = "{\"--input_path.$\": \"$.path\"}", NumberOfWorkers = 2)]
                public class T;
            }
            """).Root.States[0];
        Assert.Equal("arn:aws:states:::glue:startJobRun.sync", s.Resource);
        Assert.Equal(J("{\"JobName\": \"transform\", \"Arguments\": {\"--input_path.$\": \"$.path\"}, \"NumberOfWorkers\": 2}"), s.Parameters);
    }

    [Fact]
    public void StartExecution_RenamedProperties_UseAslKeys()
    {
        var s = Spec("""
            [StateMachine] public partial class M
            {
                [StartExecution(StateMachineArn = "arn", ExecutionInputPath = "$.in", ExecutionName = "run", Integration = IntegrationPattern.SyncV2)]
                public class T;
            }
            """).Root.States[0];
        Assert.Equal("arn:aws:states:::states:startExecution.sync:2", s.Resource);
        Assert.Equal(J("{\"StateMachineArn\": \"arn\", \"Input.$\": \"$.in\", \"Name\": \"run\"}"), s.Parameters);
    }
}
