using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace Flowstate.Benchmarks;

/// <summary>
/// One Choice state with N [When] rules (issue 11 item 6: the analyzer was quadratic in N). Times the
/// phases of the analyzer on it with a Stopwatch: the parser (symbols to model, with locations), the
/// validator (model to findings) and the whole StateMachineAnalyzer, for each N given.
/// <c>dotnet run -c Release --project benchmarks/Flowstate.Benchmarks -- choice 1250 2500 5000</c>
/// </summary>
public static class LargeChoice
{
    // The generator compiles the core's sources in, and this project also references Flowstate.Core (through the
    // CLI): the parser's model is the generator's copy, so its validator is reached through the generator assembly.
    private static readonly System.Reflection.MethodInfo s_validate = typeof(StateMachineParser).Assembly
        .GetType("Flowstate.Core.Validation.SpecValidator", throwOnError: true)!
        .GetMethods().Single(m => m.Name == "Validate" && m.GetParameters().Length == 2);

    public static string Source(int rules, int targets = 50)
    {
        var sb = new StringBuilder("using Flowstate;\nnamespace Synthetic;\n\n[StateMachine]\npublic partial class BigChoice\n{\n    [Choice(Default = typeof(Other))]\n");
        for (var i = 0; i < rules; i++)
            sb.Append("    [When(\"$.n == ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\", Next = typeof(T").Append((i % targets).ToString(CultureInfo.InvariantCulture)).Append("))]\n");
        sb.Append("    public class Pick;\n");
        for (var t = 0; t < targets; t++) sb.Append("    [Pass(End = true)] public class T").Append(t.ToString(CultureInfo.InvariantCulture)).Append(";\n");
        sb.Append("    [Succeed] public class Other;\n}\n");
        return sb.ToString();
    }

    public static int Run(IReadOnlyList<int> sizes)
    {
        // Warm-up on a small machine so that the first size does not pay for JIT and Roslyn's caches.
        Measure(100, print: false);
        Console.WriteLine("rules  parse(ms)  validate(ms)  analyzer(ms)  diagnostics   (each the fastest of 3 runs: the machine is shared)");
        foreach (var n in sizes) Measure(n, print: true);
        return 0;
    }

    private static void Measure(int rules, bool print)
    {
        var runs = Enumerable.Range(0, print ? 3 : 1).Select(_ => MeasureOnce(rules)).ToList();
        if (!print) return;
        var last = runs[^1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rules,5}  {runs.Min(r => r.ParseMs),9:F0}  {runs.Min(r => r.ValidateMs),12:F0}  {runs.Min(r => r.AnalyzerMs),12:F0}  {last.Summary}"));
    }

    private static (double ParseMs, double ValidateMs, double AnalyzerMs, string Summary) MeasureOnce(int rules)
    {
        var compilation = Workload.CreateCompilation("BigChoice" + rules, new[] { ("BigChoice.cs", Source(rules)) });
        var type = compilation.GetTypeByMetadataName("Synthetic.BigChoice")!;
        var attribute = type.GetAttributes().Single(a => a.AttributeClass?.Name == "StateMachineAttribute");
        _ = compilation.GetDiagnostics(); // binding done once, outside the timings

        var sw = Stopwatch.StartNew();
        var parse = StateMachineParser.Parse(type, attribute, captureLocations: true, CancellationToken.None);
        var parseMs = sw.Elapsed.TotalMilliseconds;

        sw.Restart();
        var findings = (System.Collections.ICollection)s_validate.Invoke(null, new object[] { parse.Spec!, CancellationToken.None })!;
        var validateMs = sw.Elapsed.TotalMilliseconds;

        // Each rule set of the validator on its own (the same order as SpecValidator runs them).
        var byRule = new List<string>();
        var assembly = typeof(StateMachineParser).Assembly;
        var optionsType = assembly.GetType("Flowstate.Core.Validation.ValidationOptions", throwOnError: true)!;
        var contextType = assembly.GetType("Flowstate.Core.Validation.ValidationContext", throwOnError: true)!;
        var context = Activator.CreateInstance(contextType, parse.Spec!, Activator.CreateInstance(optionsType)!, CancellationToken.None)!;
        foreach (var rule in new[] { "GraphRules", "FieldRules", "ChoiceRules", "RetryCatchRules", "PathRules", "NameAndLimitRules", "IntegrationRules", "BestPracticeRules" })
        {
            var run = assembly.GetType("Flowstate.Core.Validation." + rule, throwOnError: true)!.GetMethod("Run")!;
            sw.Restart();
            run.Invoke(null, new[] { context });
            byRule.Add(string.Create(CultureInfo.InvariantCulture, $"{rule.Replace("Rules", "", StringComparison.Ordinal)} {sw.Elapsed.TotalMilliseconds:F0}"));
        }

        sw.Restart();
        var (diagnostics, _) = Scenarios.Analyze(compilation);
        var analyzerMs = sw.Elapsed.TotalMilliseconds;

        var ids = string.Join(" ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key + "x" + g.Count().ToString(CultureInfo.InvariantCulture)));
        return (parseMs, validateMs, analyzerMs, $"{ids} (validator: {findings.Count.ToString(CultureInfo.InvariantCulture)}; last run by rule set, ms: {string.Join(", ", byRule)})");
    }
}
