using Flowstate.Core.Asl;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// The model the parser builds from C# equals the model the ASL reader builds from the generated
/// ASL (apart from what only C# knows: the class, the workflow type, the integration attribute,
/// positions). So validation sees the same definition whichever way it was written.
/// </summary>
public class ModelAgreementTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var name in GoldenScenarios.All.Keys) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ParsedModel_EqualsModelReadBackFromGeneratedAsl(string scenario)
    {
        var compilation = CompilationFactory.Create(GoldenScenarios.All[scenario]);
        var count = 0;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not INamedTypeSymbol type) continue;
                var attribute = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Flowstate.StateMachineAttribute");
                if (attribute is null) continue;

                var parsed = StateMachineParser.Parse(type, attribute, false, CancellationToken.None).Spec!;
                var read = AslReader.Read(AslWriter.Write(parsed), parsed.Name).Spec!;

                Assert.Equal(Normalize(parsed), Normalize(read));
                count++;
            }
        }
        Assert.True(count > 0);
    }

    private static StateMachineSpec Normalize(StateMachineSpec spec) => spec with
    {
        Type = null,
        WorkflowType = "STANDARD",
        Root = Normalize(spec.Root),
        Location = default,
        FieldLocations = default,
    };

    private static ScopeSpec Normalize(ScopeSpec scope) => scope with
    {
        States = scope.States.Select(Normalize).ToEquatableArray(),
        Location = default,
        FieldLocations = default,
    };

    private static StateSpec Normalize(StateSpec state) => state with
    {
        Integration = null,
        Branches = state.Branches?.Select(Normalize).ToEquatableArray(),
        Processor = state.Processor is null ? null : Normalize(state.Processor),
        Retry = state.Retry?.Select(r => r with { Location = default, FieldLocations = default }).ToEquatableArray(),
        Catch = state.Catch?.Select(c => c with { Location = default, FieldLocations = default }).ToEquatableArray(),
        Choices = state.Choices?.Select(Normalize).ToEquatableArray(),
        Location = default,
        FieldLocations = default,
    };

    private static ChoiceRuleSpec Normalize(ChoiceRuleSpec rule) => rule with
    {
        And = rule.And?.Select(Normalize).ToEquatableArray(),
        Or = rule.Or?.Select(Normalize).ToEquatableArray(),
        Not = rule.Not is null ? null : Normalize(rule.Not),
        Location = default,
        FieldLocations = default,
    };
}
