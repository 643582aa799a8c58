using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

public class RetryCatchRulesTests
{
    private static string Task(string retryCatch, string extra = "")
        => "{" + extra + "`StartAt`:`T`,`States`:{`T`:{`Type`:`Task`,`Resource`:`arn:aws:states:::lambda:invoke`," + retryCatch + ",`Next`:`Done`},`Done`:{`Type`:`Succeed`},`H`:{`Type`:`Fail`}}}";

    public static TheoryData<string, string, string, string[]> Firing => new()
    {
        { Task("`Retry`:[{`ErrorEquals`:[`States.ALL`,`MyError`]}]"), "FLOW2001", "T.Retry[0].ErrorEquals", ["T", "MyError"] },
        { Task("`Catch`:[{`ErrorEquals`:[`States.ALL`],`Next`:`H`},{`ErrorEquals`:[`MyError`],`Next`:`H`}]"), "FLOW2002", "T.Catch[0].ErrorEquals", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`States.ALL`]},{`ErrorEquals`:[`MyError`]}]"), "FLOW2002", "T.Retry[0].ErrorEquals", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[]}]"), "FLOW2003", "T.Retry[0].ErrorEquals", ["T"] },
        { Task("`Catch`:[{`Next`:`H`}]"), "FLOW2003", "T.Catch[0]", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`States.TaskFailedId`]}]"), "FLOW2004", "T.Retry[0].ErrorEquals", ["T", "States.TaskFailedId", "States.TaskFailed"] },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`IntervalSeconds`:0}]"), "FLOW2005", "T.Retry[0].IntervalSeconds", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxAttempts`:-1}]"), "FLOW2006", "T.Retry[0].MaxAttempts", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`BackoffRate`:0.5}]"), "FLOW2007", "T.Retry[0].BackoffRate", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxDelaySeconds`:31622402}]"), "FLOW2008", "T.Retry[0].MaxDelaySeconds", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`JitterStrategy`:`PARTIAL`}]"), "FLOW2009", "T.Retry[0].JitterStrategy", ["T"] },
        { Task("`Catch`:[{`ErrorEquals`:[`States.ALL`]}]"), "FLOW2010", "T.Catch[0]", ["T"] },
        { Task("`Retry`:[{`ErrorEquals`:[`X`,`Y`]},{`ErrorEquals`:[`Y`]}]"), "FLOW2011", "T.Retry[1].ErrorEquals", ["T", "Y"] },
        { Task("`Retry`:[{`ErrorEquals`:[`States.ALL`],`IntervalSeconds`:10,`MaxAttempts`:5,`BackoffRate`:2}]", "`TimeoutSeconds`:60,"), "FLOW2012", "T.Retry[0]", ["T"] },
    };

    public static TheoryData<string, string> Silent_ => new()
    {
        { Task("`Retry`:[{`ErrorEquals`:[`MyError`]},{`ErrorEquals`:[`States.ALL`]}]"), "FLOW2001" },
        { Task("`Retry`:[{`ErrorEquals`:[`MyError`]},{`ErrorEquals`:[`States.ALL`]}]"), "FLOW2002" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`]}]"), "FLOW2003" },
        { Task("`Retry`:[{`ErrorEquals`:[`States.Timeout`,`States.Http.StatusCode.429`]}]"), "FLOW2004" },
        { "{`StartAt`:`P`,`States`:{`P`:{`Type`:`Parallel`,`Branches`:[{`StartAt`:`Q`,`States`:{`Q`:{`Type`:`Fail`,`Error`:`States.QuorumMet`}}}],`Catch`:[{`ErrorEquals`:[`States.QuorumMet`],`Next`:`D`}],`End`:true},`D`:{`Type`:`Succeed`}}}", "FLOW2004" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`IntervalSeconds`:1,`MaxAttempts`:0,`BackoffRate`:1,`MaxDelaySeconds`:31622400,`JitterStrategy`:`FULL`}]"), "FLOW2005" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxAttempts`:99999999}]"), "FLOW2006" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`BackoffRate`:1.0}]"), "FLOW2007" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`MaxDelaySeconds`:1}]"), "FLOW2008" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`],`JitterStrategy`:`NONE`}]"), "FLOW2009" },
        { Task("`Catch`:[{`ErrorEquals`:[`States.ALL`],`Next`:`H`}]"), "FLOW2010" },
        { Task("`Retry`:[{`ErrorEquals`:[`X`]},{`ErrorEquals`:[`Y`]}]"), "FLOW2011" },
        { Task("`Retry`:[{`ErrorEquals`:[`States.ALL`],`IntervalSeconds`:10,`MaxAttempts`:5,`BackoffRate`:2,`MaxDelaySeconds`:10}]", "`TimeoutSeconds`:600,"), "FLOW2012" },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public void RetryCatchRule_WrongDefinition_FiresAtField(string json, string id, string where, string[] names) => Fires(json, id, where, names);

    [Theory]
    [MemberData(nameof(Silent_))]
    public void RetryCatchRule_CloseCorrectDefinition_StaysSilent(string json, string id) => Silent(json, id);

    [Fact]
    public void RetryTime_ExpressWithoutTimeout_ComparesWithFiveMinutes()
    {
        var findings = Validate(J(Task("`Retry`:[{`ErrorEquals`:[`States.ALL`],`IntervalSeconds`:60,`MaxAttempts`:4,`BackoffRate`:2}]")), workflowType: "EXPRESS");
        var f = AssertFires(findings, "FLOW2012", "T.Retry[0]", "T");
        Assert.Contains("900 seconds", f.Message); // 60 + 120 + 240 + 480
        Assert.Contains("5 minutes", f.Message);
    }

    [Fact]
    public void RetryTime_TaskTimeoutPerAttempt_IsCountedForEachAttempt()
    {
        // 2 retries of 1 s + 2 s, plus 3 attempts of 30 s = 93 s > 60 s.
        var findings = Validate(J(Task("`TimeoutSeconds`:30,`Retry`:[{`ErrorEquals`:[`States.ALL`],`IntervalSeconds`:1,`MaxAttempts`:2,`BackoffRate`:2}]", "`TimeoutSeconds`:60,")));
        var f = AssertFires(findings, "FLOW2012", "T.Retry[0]", "T");
        Assert.Contains("93 seconds", f.Message);
    }
}
