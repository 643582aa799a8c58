using System.Globalization;
using System.Text;
using Flowstate.Core.Validation;
using Flowstate.Generator.Tests.Validation;
using static Flowstate.Generator.Tests.Analyzers.AnalyzerVerifier;

namespace Flowstate.Generator.Tests.Analyzers;

/// <summary>
/// Issue 11 item 6: a Choice with thousands of rules. Every rule looks its fields up in its state's
/// FieldLocations, which then holds thousands of entries: those lookups are indexed (they made the
/// analyzer quadratic). These tests prove the findings are still the right ones, on the right rule;
/// the speed is shown by the harness <c>Flowstate.Benchmarks choice 1250 2500 5000</c>, not here.
/// </summary>
public class LargeChoiceTests
{
    private const int Rules = 2500;

    [Fact]
    public Task ChoiceOf2500Rules_FindingsOnTheirOwnRules()
    {
        var sb = new StringBuilder("[StateMachine] public partial class M\n{\n    [Choice(Default = typeof(Other))]\n");
        for (var i = 0; i < Rules; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            var target = "T" + (i % 20).ToString(CultureInfo.InvariantCulture);
            sb.Append(i switch
            {
                7 => $"    [When(\"$.at < timestamp('{{|FLOW4011:2026-02-30T00:00:00Z|}}')\", Next = typeof({target}))]\n",
                1234 => $"    [When(\"$.count > number('{{|FLOW4013:five|}}')\", Next = typeof({target}))]\n",
                2000 => $"    [{{|FLOW4015:When(\"$.n == {n}\")|}}]\n",
                Rules - 1 => $"    [When(\"$.n == {n}\", NextName = {{|FLOW1002:\"T0x\"|}})]\n",
                _ => $"    [When(\"$.n == {n}\", Next = typeof({target}))]\n",
            });
        }
        sb.Append("    public class Pick;\n");
        for (var t = 0; t < 20; t++) sb.Append("    [Pass(End = true)] public class T").Append(t.ToString(CultureInfo.InvariantCulture)).Append(";\n");
        sb.Append("    [Succeed] public class Other;\n}\n");
        return VerifyAsync(sb.ToString());
    }

    [Fact]
    public void AslChoiceOf2500Rules_FindingsNameTheirRules()
    {
        var rules = new StringBuilder();
        for (var i = 0; i < Rules; i++)
        {
            if (i > 0) rules.Append(',');
            var n = i.ToString(CultureInfo.InvariantCulture);
            rules.Append(i switch
            {
                1500 => "{`Variable`:`$.n[`,`NumericEquals`:" + n + ",`Next`:`Done`}",
                2499 => "{`Variable`:`$.n`,`NumericEquals`:`" + n + "`,`Next`:`Done`}",
                _ => "{`Variable`:`$.n`,`NumericEquals`:" + n + ",`Next`:`Done`}",
            });
        }
        var json = ValidationHarness.J("{`StartAt`:`Pick`,`States`:{`Pick`:{`Type`:`Choice`,`Default`:`Done`,`Choices`:[" + rules + "]},`Done`:{`Type`:`Succeed`}}}");
        var findings = ValidationHarness.Validate(json).Where(f => f.Id != "FLOW6003").ToList();
        Assert.Collection(findings.OrderBy(f => f.Where, StringComparer.Ordinal),
            f => Assert.Equal(("FLOW3001", "Pick.Choices[1500].Variable"), (f.Id, f.Where)),
            f => Assert.Equal(("FLOW4013", "Pick.Choices[2499].NumericEquals"), (f.Id, f.Where)));
    }
}
