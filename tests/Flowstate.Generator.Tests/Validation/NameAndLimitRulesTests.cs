using Flowstate.Core.Validation;
using static Flowstate.Generator.Tests.Validation.ValidationHarness;

namespace Flowstate.Generator.Tests.Validation;

public class NameAndLimitRulesTests
{
    private static readonly string LongName = new('n', 81);

    [Fact]
    public void StateName_81Characters_FiresTooLong() => Fires("{`StartAt`:`" + LongName + "`,`States`:{`" + LongName + "`:{`Type`:`Succeed`}}}", "FLOW5001", LongName, [LongName]);

    [Fact]
    public void StateName_80Characters_IsAccepted()
    {
        var name = new string('n', 80);
        Silent("{`StartAt`:`" + name + "`,`States`:{`" + name + "`:{`Type`:`Succeed`}}}", "FLOW5001");
    }

    [Fact]
    public void StateName_Empty_FiresInvalid() => Fires("{`StartAt`:``,`States`:{``:{`Type`:`Succeed`}}}", "FLOW5002", "", [""]);

    [Fact]
    public void StateName_WithSpacesAndPunctuation_IsAccepted()
        => Silent("{`StartAt`:`Wait for \\`quorum\\` (5)`,`States`:{`Wait for \\`quorum\\` (5)`:{`Type`:`Succeed`}}}", "FLOW5002");

    [Theory]
    [InlineData("my machine", "whitespace")]
    [InlineData("etl/daily", "'/'")]
    [InlineData("", "empty")]
    public void MachineName_Invalid_FiresAtMachine(string name, string problem)
    {
        var findings = Validate(J("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Succeed`}}}"), name: name);
        var f = AssertFires(findings, "FLOW5003", "$");
        Assert.Contains(problem, f.Message);
    }

    [Fact]
    public void MachineName_Valid_IsAccepted()
        => AssertSilent(Validate(J("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Succeed`}}}"), name: "daily-etl_v2.prod"), "FLOW5003");

    [Fact]
    public void Definition_OverOneMegabyte_FiresTooLarge()
    {
        var big = new string('x', 1_100_000);
        Fires("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`,`Result`:`" + big + "`,`End`:true}}}", "FLOW5008", "$", []);
    }

    [Fact]
    public void Definition_HalfAMegabyte_IsAccepted()
        => Silent("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`,`Result`:`" + new string('x', 600_000) + "`,`End`:true}}}", "FLOW5008");

    // Issue 11 item 5: the limit is in UTF-8 bytes of what is sent, not UTF-16 characters of a re-serialization.

    [Fact]
    public void Definition_CjkTextOverOneMegabyteInUtf8_FiresTooLarge()
    {
        // 400,000 CJK characters: 400,000 UTF-16 chars, 1,200,000 UTF-8 bytes.
        var cjk = string.Concat(Enumerable.Repeat("\u6570\u636e\u7ba1\u9053", 100_000));
        var f = AssertFires(Validate(J("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`,`Result`:`" + cjk + "`,`End`:true}}}")), "FLOW5008", "$");
        Assert.Contains("bytes long (UTF-8)", f.Message);
    }

    [Fact]
    public void Definition_SizeGivenByCaller_IsWhatIsCompared()
    {
        // The caller measured the text it will send: that number decides, whatever the model re-serializes to.
        var small = J("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Succeed`}}}");
        var f = AssertFires(Validate(small, options: new ValidationOptions { DefinitionUtf8Bytes = 1_048_577 }), "FLOW5008", "$");
        Assert.Contains("1,048,577 bytes", f.Message);
        AssertSilent(Validate(small, options: new ValidationOptions { DefinitionUtf8Bytes = 1_048_576 }), "FLOW5008");
        var big = J("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Pass`,`Result`:`" + new string('x', 1_100_000) + "`,`End`:true}}}");
        AssertSilent(Validate(big, options: new ValidationOptions { DefinitionUtf8Bytes = 900_000 }), "FLOW5008");
    }

    private static string Nested(int levels)
    {
        var inner = "{`StartAt`:`L" + levels + "`,`States`:{`L" + levels + "`:{`Type`:`Pass`,`End`:true}}}";
        for (var i = levels - 1; i >= 0; i--)
            inner = "{`StartAt`:`L" + i + "`,`States`:{`L" + i + "`:{`Type`:`Parallel`,`Branches`:[" + inner + "],`End`:true}}}";
        return inner;
    }

    [Fact]
    public void Nesting_DeeperThanLimit_FiresAtFirstTooDeepState()
        => Fires(Nested(3), "FLOW5009", "L3", ["L3"], options: new ValidationOptions { MaxNestingDepth = 2 });

    [Fact]
    public void Nesting_AtLimit_IsAccepted() => Silent(Nested(2), "FLOW5009", options: new ValidationOptions { MaxNestingDepth = 2 });

    [Fact]
    public void Express_WaitLongerThanFiveMinutes_FiresDuration()
        => Fires("{`StartAt`:`W`,`States`:{`W`:{`Type`:`Wait`,`Seconds`:600,`End`:true}}}", "FLOW5010", "W.Seconds", ["W"], workflowType: "EXPRESS");

    [Fact]
    public void Standard_WaitLongerThanFiveMinutes_IsAccepted()
        => Silent("{`StartAt`:`W`,`States`:{`W`:{`Type`:`Wait`,`Seconds`:600,`End`:true}}}", "FLOW5010");

    [Fact]
    public void Express_MachineTimeoutOverFiveMinutes_FiresDuration()
        => Fires("{`StartAt`:`W`,`TimeoutSeconds`:3600,`States`:{`W`:{`Type`:`Succeed`}}}", "FLOW5010", "$.TimeoutSeconds", [], workflowType: "EXPRESS");

    [Fact]
    public void WorkflowType_Unknown_Fires()
        => Fires("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Succeed`}}}", "FLOW5011", "$", ["test-machine", "BATCH"], workflowType: "BATCH");

    [Fact]
    public void WorkflowType_Express_IsAccepted()
        => Silent("{`StartAt`:`A`,`States`:{`A`:{`Type`:`Succeed`}}}", "FLOW5011", workflowType: "EXPRESS");
}
