using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

/// <summary>
/// Issue #11, items 1-15: defects found by outside testing (real definitions from public AWS
/// repositories and the test suites of statelint, asl-validator and the ASL language service).
/// Each row failed before its fix.
/// </summary>
public class OutsideTestingFindingsTests
{
    private static string Fail(string fields) => "{`StartAt`:`F`,`States`:{`F`:{`Type`:`Fail`," + fields + "}}}";

    private static string Task(string fields, string resource = "arn:aws:states:::lambda:invoke")
        => "{`StartAt`:`T`,`States`:{`T`:{`Type`:`Task`,`Resource`:`" + resource + "`," + fields + (fields.Length > 0 ? "," : "") + "`End`:true}}}";

    private static string Pass(string fields) => "{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`," + fields + ",`End`:true}}}";

    private const string Dist = "`ProcessorConfig`:{`Mode`:`DISTRIBUTED`,`ExecutionType`:`STANDARD`},";

    private static string DistMap(string fields)
        => "{`StartAt`:`M`,`States`:{`M`:{`Type`:`Map`," + fields + ",`ItemProcessor`:{" + Dist + "`StartAt`:`X`,`States`:{`X`:{`Type`:`Pass`,`End`:true}}},`End`:true}}}";

    private const string S3Reader = "`ItemReader`:{`Resource`:`arn:aws:states:::s3:getObject`,`ReaderConfig`:{`InputType`:`JSON`";

    public static TheoryData<string, string, string, string[]> Firing => new()
    {
        // 1. A user-named error with the reserved prefix.
        { Fail("`Error`:`States.MyOwnError`"), "FLOW2013", "F.Error", ["F", "States.MyOwnError"] },
        { "{`StartAt`:`P`,`States`:{`P`:{`Type`:`Parallel`,`Branches`:[{`StartAt`:`Q`,`States`:{`Q`:{`Type`:`Fail`,`Error`:`States.QuorumMet`}}}],`Catch`:[{`ErrorEquals`:[`States.QuorumMet`],`Next`:`D`}],`End`:true},`D`:{`Type`:`Succeed`}}}",
            "FLOW2013", "P.Catch[0].ErrorEquals", ["P", "States.QuorumMet"] },
        { Task("`Retry`:[{`ErrorEquals`:[`States.MyOwnError`]}]"), "FLOW2004", "T.Retry[0].ErrorEquals", ["T", "States.MyOwnError"] },
        // 2. Whitespace around a path: accepted by AWS, so a warning.
        { Pass("`Parameters`:{`execution_name.$`:`$$.Execution.Name `}"), "FLOW3018", "A.Parameters", ["execution_name.$", "A"] },
        { Pass("`InputPath`:` $.a`"), "FLOW3018", "A.InputPath", ["A"] },
        // 3. Incomplete SDK integrations; a null required parameter.
        { Task("", "arn:aws:states:::aws-sdk::"), "FLOW5013", "T.Resource", ["T", "arn:aws:states:::aws-sdk::"] },
        { Task("", "arn:aws:states:::aws-sdk:s3:"), "FLOW5013", "T.Resource", ["T", "arn:aws:states:::aws-sdk:s3:"] },
        { Task("`Parameters`:{`FunctionName`:null}"), "FLOW5014", "T.Parameters", ["T", "FunctionName"] },
        { Task("`Parameters`:{`JobName`:5}", "arn:aws:states:::glue:startJobRun.sync"), "FLOW5014", "T.Parameters", ["T", "JobName"] },
        { Task("`Parameters`:{`TopicArn`:null,`Message`:`m`}", "arn:aws:states:::sns:publish"), "FLOW5014", "T.Parameters", ["T", "TopicArn"] },
        // 7. MaxDelaySeconds must be below 31622401.
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxDelaySeconds`:31622401}]"), "FLOW2008", "T.Retry[0].MaxDelaySeconds", ["T"] },
        // 8. Credentials must be an object.
        { Task("`Credentials`:`arn:aws:iam::123456789012:role/r`"), "FLOW4005", "T.Credentials", ["T", "Credentials"] },
        { Task("`Credentials`:null"), "FLOW4005", "T.Credentials", ["T", "Credentials"] },
        { Task("`Credentials`:5"), "FLOW4005", "T.Credentials", ["T", "Credentials"] },
        // 9. Mutually exclusive pairs inside ItemReader.ReaderConfig and ItemBatcher.
        { DistMap(S3Reader + ",`MaxItems`:10,`MaxItemsPath`:`$.max`}}"), "FLOW4008", "M.ItemReader", ["M"] },
        { DistMap("`ItemBatcher`:{`MaxItemsPerBatch`:10,`MaxItemsPerBatchPath`:`$.n`}"), "FLOW4008", "M.ItemBatcher", ["M"] },
        { DistMap("`ItemBatcher`:{`MaxInputBytesPerBatch`:1024,`MaxInputBytesPerBatchPath`:`$.n`}"), "FLOW4008", "M.ItemBatcher", ["M"] },
        // 10. The *Path fields of ReaderConfig/ItemBatcher are paths, checked as reference paths.
        { DistMap("`ItemBatcher`:{`MaxItemsPerBatchPath`:`$.items[*]`}"), "FLOW3002", "M.ItemBatcher", ["M"] },
        { DistMap(S3Reader + ",`MaxItemsPath`:`max`}}"), "FLOW3001", "M.ItemReader", ["M"] },
        // 12. ErrorPath/CausePath take only the intrinsics that return a string.
        { Fail("`ErrorPath`:`States.StringToJson($.e)`"), "FLOW3019", "F.ErrorPath", ["F", "States.StringToJson"] },
        { Fail("`CausePath`:`States.MathAdd($.a, 1)`"), "FLOW3019", "F.CausePath", ["F", "States.MathAdd"] },
        // 13. An unclosed placeholder is not a placeholder.
        { Task("", "${lambdaArn"), "FLOW5012", "T.Resource", ["T", "${lambdaArn"] },
        // 15. ResultWriter.WriterConfig.
        { DistMap("`ResultWriter`:{`WriterConfig`:{}}"), "FLOW4030", "M.ResultWriter", ["M"] },
        { DistMap("`ResultWriter`:{`WriterConfig`:{`OutputType`:`XML`,`Transformation`:`NONE`}}"), "FLOW4030", "M.ResultWriter", ["M", "XML"] },
        { DistMap("`ResultWriter`:{`WriterConfig`:{`OutputType`:`JSON`,`Transformation`:`flatten`}}"), "FLOW4030", "M.ResultWriter", ["M", "flatten"] },
        { DistMap("`ResultWriter`:{`WriterConfig`:`JSON`}"), "FLOW4030", "M.ResultWriter", ["M"] },
        { DistMap("`ResultWriter`:{`WriterConfig`:{`OutputType`:`JSON`,`Transformation`:`NONE`,`Compress`:true}}"), "FLOW4030", "M.ResultWriter", ["M", "Compress"] },
    };

    public static TheoryData<string, string> Silent_ => new()
    {
        { Fail("`Error`:`MyOwnError`"), "FLOW2013" },
        { Fail("`Error`:`States.Timeout`"), "FLOW2013" },
        { Fail("`Error`:`States.Http.StatusCode.404`"), "FLOW2013" },
        { Task("`Retry`:[{`ErrorEquals`:[`States.Timeout`,`MyError`]}]"), "FLOW2013" },
        { Pass("`Parameters`:{`execution_name.$`:`$$.Execution.Name`}"), "FLOW3018" },
        { Pass("`Parameters`:{`x.$`:`$['a b ']`}"), "FLOW3018" },
        { Task("", "arn:aws:states:::aws-sdk:s3:putObject"), "FLOW5013" },
        { Task("`Parameters`:{`FunctionName`:`f`}"), "FLOW5014" },
        { Task("`Parameters`:{`FunctionName.$`:`$.fn`}"), "FLOW5014" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxDelaySeconds`:31622400}]"), "FLOW2008" },
        { Task("`Credentials`:{`RoleArn`:`arn:aws:iam::123456789012:role/r`}"), "FLOW4005" },
        { DistMap(S3Reader + ",`MaxItemsPath`:`$.max`}}"), "FLOW4008" },
        { DistMap("`ItemBatcher`:{`MaxItemsPerBatchPath`:`$.n`,`MaxInputBytesPerBatch`:1024}"), "FLOW4008" },
        { DistMap("`ItemBatcher`:{`MaxItemsPerBatchPath`:`$.n`,`MaxInputBytesPerBatchPath`:`$.b`}"), "FLOW3009" },
        { DistMap(S3Reader + ",`MaxItemsPath`:`$.max`}}"), "FLOW3009" },
        { Fail("`ErrorPath`:`States.Format('E{}', $.code)`,`CausePath`:`States.JsonToString($.c)`"), "FLOW3019" },
        { Fail("`ErrorPath`:`States.ArrayGetItem($.errors, 0)`,`CausePath`:`States.UUID()`"), "FLOW3019" },
        { Task("", "${lambdaArn}"), "FLOW5012" },
        { Task("", "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:f"), "FLOW5012" },
        { DistMap("`ResultWriter`:{`WriterConfig`:{`OutputType`:`JSONL`,`Transformation`:`FLATTEN`}}"), "FLOW4030" },
        { DistMap("`ResultWriter`:{`Resource`:`arn:aws:states:::s3:putObject`,`Parameters`:{`Bucket`:`b`,`Prefix`:`p`}}"), "FLOW4030" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public void OutsideFinding_WrongDefinition_FiresAtField(string json, string id, string where, string[] names) => Fires(json, id, where, names);

    [Theory]
    [MemberData(nameof(Silent_))]
    public void OutsideFinding_CloseCorrectDefinition_StaysSilent(string json, string id) => Silent(json, id);

    [Fact]
    public void Item2_TrailingWhitespaceInPath_IsNotAnError()
    {
        var findings = Validate(J(Pass("`Parameters`:{`execution_name.$`:`$$.Execution.Name `},`ResultPath`:`$.r `")));
        AssertSilent(findings, "FLOW3001");
        AssertSilent(findings, "FLOW3002");
        Assert.Equal(2, findings.Count(f => f.Id == "FLOW3018"));
    }

    [Fact]
    public void Item7_MaxDelaySecondsMessage_SaysTheRealBound()
    {
        var f = AssertFires(Validate(J(Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxDelaySeconds`:31622401}]"))), "FLOW2008", "T.Retry[0].MaxDelaySeconds", "T");
        Assert.Contains("31622400", f.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("`ErrorEquals`:[true]", "T.Retry[0].ErrorEquals", "a boolean", "an array of strings")]
    [InlineData("`ErrorEquals`:[`X`, 5]", "T.Retry[0].ErrorEquals", "a number", "an array of strings")]
    public void Item14_FieldWrongType_ArrayOfWrongElements_SaysWhichElement(string retrier, string where, string found, string needed)
    {
        var f = AssertFires(Validate(J(Task("`Retry`:[{" + retrier + "}]"))), "FLOW4005", where);
        Assert.Contains(found, f.Message, StringComparison.Ordinal);
        Assert.Contains(needed, f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("set to an array; it must be an array", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item14_BranchesOfArrays_SaysObjectsNeeded()
    {
        var findings = Validate(J("{`StartAt`:`P`,`States`:{`P`:{`Type`:`Parallel`,`Branches`:[[{`StartAt`:`X`}]],`End`:true}}}"));
        var f = AssertFires(findings, "FLOW4005", "P.Branches", "P");
        Assert.Contains("an array", f.Message, StringComparison.Ordinal);
        Assert.Contains("an array of objects", f.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("set to an array; it must be an array", f.Message, StringComparison.Ordinal);
    }
}
