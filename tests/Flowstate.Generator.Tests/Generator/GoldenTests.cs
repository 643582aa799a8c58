using System.Text.Json;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Flowstate.Tests.Shared;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// Every construct of the DSL, through the real generator: the generated C# and the ASL are compared
/// with Baselines/&lt;Scenario&gt;/ (see <see cref="Baseline"/> for FLOWSTATE_ACCEPT), the output must
/// compile without errors, and the ASL is read back from the compiled Definition, which also proves
/// that the verbatim string literals round-trip.
/// </summary>
public class GoldenTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenScenarios.All.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_Generated_MatchesBaselines(string scenario)
    {
        var run = CompilationGeneratorRunner.Execute(GoldenScenarios.All[scenario]);

        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratorDiagnostics);
        var errors = CompilationFactory.Errors(run.Output);
        Assert.True(errors.Count == 0, "generated code does not compile:\n" + string.Join("\n", errors));

        var files = run.Sources.Select(s => (s.HintName + ".txt", s.Text)).ToList();
        var assembly = CompilationGeneratorRunner.Load(run.Output);
        foreach (var definition in CompilationGeneratorRunner.Manifest(assembly))
        {
            using (JsonDocument.Parse(definition.AslJson)) { }
            files.Add((definition.Name + ".asl.json", definition.AslJson));
        }
        // The templates are in the generated C# too; as .json files they read (and diff) as what CloudFormation gets.
        foreach (var stack in CompilationGeneratorRunner.Stacks(assembly))
        {
            using (JsonDocument.Parse(stack.TemplateJson)) { }
            files.Add((stack.Name + ".template.json", stack.TemplateJson));
        }
        Baseline.Verify(Path.Combine(Baseline.ProjectDirectory(), "Baselines", scenario), "Baselines/" + scenario, files, completeSet: true);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_DeclarationAnalyzer_ReportsNothing(string scenario)
    {
        var diagnostics = CompilationAnalyzerRunner.Run(CompilationFactory.Create(GoldenScenarios.All[scenario]));
        Assert.Empty(diagnostics);
    }

    // The scenarios are valid definitions that Step Functions would accept, except the escape
    // hatches, which exist precisely to write what ASL does not define.
    public static TheoryData<string> ValidScenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenScenarios.All.Keys.Where(n => n != "EscapeHatches")) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidScenarios))]
    public void Scenario_Model_HasNoValidationErrors(string scenario)
    {
        var compilation = CompilationFactory.Create(GoldenScenarios.All[scenario]);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type) continue;
                var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Flowstate.StateMachineAttribute");
                if (attribute is null) continue;
                var spec = Flowstate.Generator.Parsing.StateMachineParser.Parse(type, attribute, false, CancellationToken.None).Spec!;
                var errors = Flowstate.Core.Validation.SpecValidator.Validate(spec, CancellationToken.None)
                    .Where(d => Flowstate.Generator.Diagnostics.Descriptors.FindRule(d.Id)?.DefaultSeverity == DiagnosticSeverity.Error)
                    .ToList();
                Assert.True(errors.Count == 0, $"{spec.Name}: " + string.Join("; ", errors.Select(e => e.Id + " " + string.Join(" | ", e.MessageArgs))));
            }
        }
    }
}
