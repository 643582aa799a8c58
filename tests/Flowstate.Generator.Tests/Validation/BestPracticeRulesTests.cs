using Flowstate.Core.Validation;
using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

public class BestPracticeRulesTests
{
    private static string Task(string resource, string fields = "")
        => "{`StartAt`:`T`,`States`:{`T`:{`Type`:`Task`,`Resource`:`" + resource + "`," + fields + (fields.Length > 0 ? "," : "") + "`End`:true}}}";

    private const string AllFour = "`Retry`:[{`ErrorEquals`:[`Lambda.ServiceException`,`Lambda.AWSLambdaException`,`Lambda.SdkClientException`,`Lambda.TooManyRequestsException`],`MaxAttempts`:3}]";

    [Fact]
    public void LambdaInvoke_NoRetry_SuggestsTransientRetry()
        => Fires(Task("arn:aws:states:::lambda:invoke"), "FLOW6001", "T.Resource", ["T"]);

    [Fact]
    public void LambdaFunctionArn_PartialRetry_NamesTheMissingErrors()
    {
        var findings = Validate(J(Task("arn:aws:lambda:us-east-1:123456789012:function:f", "`Retry`:[{`ErrorEquals`:[`Lambda.ServiceException`]}]")));
        var f = AssertFires(findings, "FLOW6001", "T.Retry", "T");
        Assert.Contains("Lambda.TooManyRequestsException", f.Message);
        Assert.DoesNotContain("Lambda.ServiceException,", f.Message);
    }

    [Theory]
    [InlineData(AllFour)]
    [InlineData("`Retry`:[{`ErrorEquals`:[`States.TaskFailed`]}]")]
    [InlineData("`Retry`:[{`ErrorEquals`:[`States.ALL`]}]")]
    public void LambdaInvoke_TransientErrorsRetried_IsSilent(string retry) => Silent(Task("arn:aws:states:::lambda:invoke", retry), "FLOW6001");

    [Fact]
    public void LambdaInvoke_RetrierWithZeroAttempts_StillSuggests()
        => Fires(Task("arn:aws:states:::lambda:invoke", "`Retry`:[{`ErrorEquals`:[`States.ALL`],`MaxAttempts`:0}]"), "FLOW6001", "T.Retry", ["T"]);

    [Fact]
    public void Task_NoTimeout_SuggestsTimeout() => Fires(Task("arn:aws:states:::sns:publish"), "FLOW6002", "T.Resource", ["T"]);

    [Fact]
    public void Task_WithTimeoutPath_IsSilent() => Silent(Task("arn:aws:states:::sns:publish", "`TimeoutSecondsPath`:`$.t`"), "FLOW6002");

    [Fact]
    public void Choice_NoDefault_SuggestsDefault()
        => Fires("{`StartAt`:`C`,`States`:{`C`:{`Type`:`Choice`,`Choices`:[{`Variable`:`$.x`,`IsPresent`:true,`Next`:`D`}]},`D`:{`Type`:`Succeed`}}}", "FLOW6003", "C.Choices", ["C"]);

    [Fact]
    public void Choice_WithDefault_IsSilent()
        => Silent("{`StartAt`:`C`,`States`:{`C`:{`Type`:`Choice`,`Choices`:[{`Variable`:`$.x`,`IsPresent`:true,`Next`:`D`}],`Default`:`D`},`D`:{`Type`:`Succeed`}}}", "FLOW6003");

    [Fact]
    public void Map_LegacyIterator_SuggestsItemProcessor()
        => Fires("{`StartAt`:`M`,`States`:{`M`:{`Type`:`Map`,`Iterator`:{`StartAt`:`X`,`States`:{`X`:{`Type`:`Succeed`}}},`End`:true}}}", "FLOW6004", "M.Iterator", ["M"]);

    [Fact]
    public void Map_ItemProcessorAndItemSelector_IsSilent()
        => Silent("{`StartAt`:`M`,`States`:{`M`:{`Type`:`Map`,`ItemSelector`:{},`ItemProcessor`:{`StartAt`:`X`,`States`:{`X`:{`Type`:`Succeed`}}},`End`:true}}}", "FLOW6004");

    [Fact]
    public void Placeholder_NotDeclared_Fires()
        => Fires(Task("${ProcessFn}"), "FLOW6005", "T.Resource", ["T"], options: new ValidationOptions { DeclaredPlaceholders = ["ProcesFn"] });

    [Fact]
    public void Placeholder_DeclarationsUnknown_NothingReported()
    {
        var findings = Validate(J(Task("${ProcessFn}")));
        AssertSilent(findings, "FLOW6005");
        AssertSilent(findings, "FLOW6006");
    }

    [Fact]
    public void Placeholder_DeclaredAndUsed_IsSilent()
        => Silent(Task("arn:${AWS::Partition}:states:::lambda:invoke", "`Parameters`:{`FunctionName`:`${ProcessFn}`}"), "FLOW6005",
            options: new ValidationOptions { DeclaredPlaceholders = ["ProcessFn"] });

    [Fact]
    public void Placeholder_DeclaredButUnused_Fires()
        => Fires(Task("${ProcessFn}"), "FLOW6006", "$", ["Unused"], options: new ValidationOptions { DeclaredPlaceholders = ["ProcessFn", "Unused"] });
}
