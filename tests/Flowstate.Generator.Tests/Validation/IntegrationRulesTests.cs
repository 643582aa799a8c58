using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

public class IntegrationRulesTests
{
    private static string Task(string resource, string fields = "", string top = "")
        => "{" + top + "`StartAt`:`T`,`States`:{`T`:{`Type`:`Task`,`Resource`:`" + resource + "`," + fields + (fields.Length > 0 ? "," : "") + "`End`:true}}}";

    public static TheoryData<string, string, string, string[]> Firing => new()
    {
        { Task("arn:aws:states:::dynamodb:putItem.sync"), "FLOW5004", "T.Resource", ["T"] },
        { Task("arn:aws:states:::lambda:invoke.sync"), "FLOW5004", "T.Resource", ["T"] },
        { Task("arn:aws:states:::aws-sdk:s3:putObject.sync"), "FLOW5004", "T.Resource", ["T"] },
        { Task("arn:aws:states:::lamda:invoke"), "FLOW5005", "T.Resource", ["T", "lamda:invoke", "lambda"] },
        { Task("arn:aws:states:::sns:publishBatch"), "FLOW5005", "T.Resource", ["T", "sns:publishBatch"] },
        { Task("arn:aws:states:::sqs:sendMessage.waitForTaskToken", "`Parameters`:{`QueueUrl`:`q`,`MessageBody.$`:`$`}"), "FLOW5006", "T.Parameters", ["T"] },
        { Task("arn:aws:states:::lambda:invoke.waitForTaskToken"), "FLOW5006", "T.Resource", ["T"] },
        { Task("my-function"), "FLOW5012", "T.Resource", ["T", "my-function"] },
    };

    public static TheoryData<string, string> Silent_ => new()
    {
        { Task("arn:aws:states:::states:startExecution.sync:2"), "FLOW5004" },
        { Task("arn:aws:states:::aws-sdk:s3:putObject.waitForTaskToken", "`Parameters`:{`Token.$`:`$$.Task.Token`}"), "FLOW5004" },
        { Task("arn:${AWS::Partition}:states:::glue:startJobRun.sync"), "FLOW5004" },
        { Task("arn:aws:states:::ecs:runTask.waitForTaskToken", "`Parameters`:{`Overrides`:{`ContainerOverrides`:[{`Environment`:[{`Name`:`TOKEN`,`Value.$`:`$$.Task.Token`}]}]}}"), "FLOW5006" },
        { "{`QueryLanguage`:`JSONata`,`StartAt`:`T`,`States`:{`T`:{`Type`:`Task`,`Resource`:`arn:aws:states:::sqs:sendMessage.waitForTaskToken`,`Arguments`:{`MessageBody`:`{% $states.context.Task.Token %}`},`End`:true}}}", "FLOW5006" },
        { Task("arn:aws:states:::events:putEvents"), "FLOW5005" },
        { Task("arn:aws:states:::aws-sdk:dynamodb:query"), "FLOW5005" },
        { Task("arn:aws:lambda:us-east-1:123456789012:function:f"), "FLOW5012" },
        { Task("${ProcessFunctionArn}"), "FLOW5012" },
        { Task("{{resolve:ssm:/fn/arn}}"), "FLOW5012" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public void IntegrationRule_WrongResource_FiresAtField(string json, string id, string where, string[] names) => Fires(json, id, where, names);

    [Theory]
    [MemberData(nameof(Silent_))]
    public void IntegrationRule_CloseCorrectResource_StaysSilent(string json, string id) => Silent(json, id);

    [Theory]
    [InlineData("arn:aws:states:::glue:startJobRun.sync")]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken")]
    [InlineData("arn:aws:states:us-east-1:123456789012:activity:review")]
    public void Express_SyncCallbackOrActivity_FiresUnsupported(string resource)
        => Fires(Task(resource, "`Parameters`:{`T.$`:`$$.Task.Token`}"), "FLOW5007", "T.Resource", ["T"], workflowType: "EXPRESS");

    [Fact]
    public void Express_RequestResponse_IsAccepted()
        => Silent(Task("arn:aws:states:::lambda:invoke"), "FLOW5007", workflowType: "EXPRESS");

    [Fact]
    public void Standard_Sync_IsAccepted() => Silent(Task("arn:aws:states:::glue:startJobRun.sync"), "FLOW5007");
}

public class IntegrationTableTests
{
    /// <summary>The typed integrations (IntegrationCatalog) must never offer a pattern the validator's AWS table rejects.</summary>
    [Fact]
    public void IntegrationCatalog_EveryTypedPattern_IsSupportedByTheAwsTable()
    {
        foreach (var info in Flowstate.Core.Model.IntegrationCatalog.All)
        {
            var colon = info.ResourceBase.IndexOf(':');
            var service = info.ResourceBase.Substring(0, colon);
            if (service == "aws-sdk") continue;
            Assert.True(Flowstate.Core.Validation.IntegrationRules.Optimized.TryGetValue(service, out var entry), $"{info.AttributeName}: no '{service}' in the table");
            foreach (var pattern in info.Patterns)
                Assert.True(entry.Patterns.Contains(pattern), $"{info.AttributeName} offers {pattern}, which the table says {service} does not support");
        }
    }
}
