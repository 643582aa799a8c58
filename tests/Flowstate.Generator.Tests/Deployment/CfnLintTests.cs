using System.Diagnostics;
using Flowstate.Generator.Tests.Generator;
using Flowstate.Generator.Tests.Support;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// Every template the golden scenarios generate, through cfn-lint 1.51.0 (tools/requirements.txt) in
/// one invocation: no error and no warning, except the listed findings about definitions the
/// scenarios write on purpose or that cfn-lint checks before substitution. A missing cfn-lint fails
/// the test with the command that installs it.
/// </summary>
public class CfnLintTests
{
    // "<file>:<rule>" -> why it is expected. Each must still occur: the list cannot go stale silently.
    private static readonly Dictionary<string, string> s_expected = new(StringComparer.Ordinal)
    {
        // The escape hatches scenario writes fields ASL does not define, on purpose ([AslField], [RawState]).
        ["EscapeHatches.template.json:E3601"] = "the definition holds X-* fields and a raw non-object state, written on purpose",
        // The JSONata scenario declares a JSONPath state inside a JSONata machine; cfn-lint's schema rejects the override.
        ["Jsonata.template.json:E3601"] = "a state overrides QueryLanguage to JSONPath inside a JSONata machine (the scenario's ASL, not the template)",
        // cfn-lint matches the Lambda ARN pattern before DefinitionSubstitutions are applied: provably wrong, the
        // deployed definition holds arn:aws:lambda:<region>:<account>:function:<name>.
        ["Placeholders.template.json:E3601"] = "cfn-lint checks the Resource ARN pattern before ${AWS::Partition}/${AWS::Region}/${AWS::AccountId} are substituted",
    };

    [Fact]
    public void EveryGoldenScenarioTemplate_CfnLint_NoErrorOrWarningBeyondTheExplainedList()
    {
        var dir = Directory.CreateTempSubdirectory("flowstate-cfnlint-");
        try
        {
            var files = new List<string>();
            foreach (var (scenario, source) in GoldenScenarios.All)
            {
                var run = CompilationGeneratorRunner.Execute(source);
                var assembly = CompilationGeneratorRunner.Load(run.Output);
                foreach (var stack in CompilationGeneratorRunner.Stacks(assembly))
                {
                    var file = Path.Combine(dir.FullName, scenario + (stack.Name == "tests" ? "" : "." + stack.Name) + ".template.json");
                    File.WriteAllText(file, stack.TemplateJson);
                    files.Add(file);
                }
            }
            Assert.True(files.Count >= GoldenScenarios.All.Count, "every scenario has a template");

            var findings = CfnLint.Run(files);
            var unexpected = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in findings)
            {
                var key = Path.GetFileName(f.File) + ":" + f.Rule;
                if (s_expected.ContainsKey(key)) seen.Add(key);
                else if (f.Rule.StartsWith('E') || f.Rule.StartsWith('W')) unexpected.Add(f.ToString());
            }
            Assert.True(unexpected.Count == 0, "cfn-lint:\n" + string.Join("\n", unexpected));
            Assert.Equal(s_expected.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
