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

/// <summary>Runs Python cfn-lint (1.51.0, tools/requirements.txt) on files; fails with an install hint when it is missing.</summary>
internal static class CfnLint
{
    public sealed record Finding(string File, int Line, string Rule, string Message)
    {
        public override string ToString() => $"{Path.GetFileName(File)}:{Line}: {Rule} {Message}";
    }

    public static IReadOnlyList<Finding> Run(IReadOnlyList<string> files)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys\ntry:\n    from cfnlint.runner import main\nexcept ImportError:\n    sys.exit(97)\nsys.argv = ['cfn-lint'] + sys.argv[1:]\nsys.exit(main())");
        start.ArgumentList.Add("--format");
        start.ArgumentList.Add("parseable");
        start.ArgumentList.Add("--");
        foreach (var f in files) start.ArgumentList.Add(f);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("python3 is not installed; install Python 3 and then: pip install -r tools/requirements.txt (" + e.Message + ")");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode == 97)
                throw new InvalidOperationException("cfn-lint is not installed for python3: pip install -r tools/requirements.txt (cfn-lint==1.51.0)");
            var result = new List<Finding>();
            foreach (var line in stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // parseable: file:line:column:endline:endcolumn:rule:message
                var parts = line.Split(':', 7);
                if (parts.Length < 7 || !int.TryParse(parts[1], out var l)) throw new InvalidOperationException("unexpected cfn-lint output: " + line + "\n" + stderr.Result);
                result.Add(new Finding(parts[0], l, parts[5], parts[6]));
            }
            // Exit code: 0 clean, else a bitmask of 2 (error), 4 (warning), 8 (informational); 1 = cfn-lint itself failed.
            if (process.ExitCode == 1 || (process.ExitCode != 0 && result.Count == 0))
                throw new InvalidOperationException($"cfn-lint failed (exit {process.ExitCode}): {stderr.Result}");
            return result;
        }
    }
}
