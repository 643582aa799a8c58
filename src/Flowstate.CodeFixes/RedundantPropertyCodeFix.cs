using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW0006 where one side is clearly redundant, so removing it changes nothing:
/// a <c>*Name</c> transition naming the same state as its <c>typeof</c> twin
/// (<c>Next = typeof(Load), NextName = "Load"</c>, likewise DefaultName and Catch's NextName):
/// remove the name, keep the rename-safe typeof;
/// a property given to the constructor and again as a named argument with the same value
/// (<c>[Fail("E", Error = "E")]</c>): remove the named argument.
/// a key of a typed integration's Parameters/Arguments written, in the same form and with the same
/// value, by one of its properties: remove the key.
/// When the two sides differ, which one was meant is the author's call: no fix. A value and its
/// Path form (FunctionName and FunctionNamePath) always differ: no fix either.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RedundantPropertyCodeFix)), Shared]
public sealed class RedundantPropertyCodeFix : CodeFixProvider
{
    public const string Key = DiagnosticIds.ConflictingProperties + ".RemoveRedundant";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ConflictingProperties);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        var node = root.FindNode(context.Span, getInnermostNodeForTie: true);
        var argument = node.AncestorsAndSelf().OfType<AttributeArgumentSyntax>().FirstOrDefault();
        if (argument?.NameEquals is null || argument.Parent?.Parent is not AttributeSyntax attribute) return;
        var name = argument.NameEquals.Name.Identifier.ValueText;

        if (name is "Parameters" or "Arguments")
        {
            await RegisterPayloadKeyFixAsync(context, node, attribute, argument, model).ConfigureAwait(false);
            return;
        }

        var redundant = RedundantTransitionName(attribute, argument, name, model, context.CancellationToken)
                        || RepeatsConstructorArgument(attribute, argument, name, model, context.CancellationToken);
        if (!redundant) return;

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Remove the redundant {name} = {Short(argument.Expression.ToString())}",
                ct => DocumentEdits.ReplaceAsync(context.Document, attribute, AttributeEdits.RemoveArguments(attribute, new[] { argument }), ct),
                Key),
            context.Diagnostics[0]);
    }

    /// <summary>
    /// A key of a typed integration's Parameters (or Arguments) that one of its properties already
    /// writes with the same value (<c>[LambdaInvoke("f", Parameters = """{ "FunctionName": "f" }""")]</c>):
    /// remove the key — or the whole argument when it was the only one.
    /// </summary>
    private static async Task RegisterPayloadKeyFixAsync(CodeFixContext context, SyntaxNode node, AttributeSyntax attribute, AttributeArgumentSyntax argument, SemanticModel model)
    {
        var diagnostic = context.Diagnostics[0];
        var snapshot = await MachineSnapshot.CreateAsync(context.Document, node, context.CancellationToken).ConfigureAwait(false);
        if (snapshot?.Find(diagnostic) is not { MessageArgs.Count: >= 2 } info) return;
        var match = PayloadKey.Match(info.MessageArgs[1]);
        if (!match.Success) return;
        var key = match.Groups["key"].Value;
        var property = match.Groups["property"].Value;

        var shortName = FlowstateSymbols.ShortName(model.GetTypeInfo(attribute, context.CancellationToken).Type as INamedTypeSymbol);
        var integration = shortName is null ? null : IntegrationCatalog.FindByAttribute(shortName);
        var param = integration?.Params.FirstOrDefault(p => p.Property == property || p.PathProperty == property);
        if (param is null || JsonLiteral.Read(argument.Expression) is not { Value.IsObject: true } json) return;
        var member = json.Value.Properties.FirstOrDefault(p => p.Name == key);
        if (member.Name is null) return;

        // The key must be written exactly as the property writes it: same form ("Key" or "Key.$") and same value.
        var isPath = property == param.PathProperty;
        if (key != (isPath ? param.JsonKey + ".$" : param.JsonKey)) return;
        var typed = TypedValue(attribute, property, isPath ? ParamKind.String : param.Kind, model, context.CancellationToken);
        if (typed is null || !typed.Equals(member.Value)) return;

        var title = $"Remove the redundant key '{key}' from {argument.NameEquals!.Name.Identifier.ValueText} ({property} already writes it)";
        if (json.Value.Properties.Count == 1)
        {
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => DocumentEdits.ReplaceAsync(context.Document, attribute, AttributeEdits.RemoveArguments(attribute, new[] { argument }), ct), Key),
                diagnostic);
            return;
        }
        var change = json.RemoveMember(json.Value, member);
        context.RegisterCodeFix(CodeAction.Create(title, ct => DocumentEdits.ChangeTextAsync(context.Document, new[] { change }, ct), Key), diagnostic);
    }

    private static readonly Regex PayloadKey = new(@"^\w+ key '(?<key>.*)' is also written by (?<property>\w+); ", RegexOptions.CultureInvariant);

    /// <summary>The payload value a typed property writes, the way the parser computes it; null when it is not a constant.</summary>
    private static JsonValue? TypedValue(AttributeSyntax attribute, string property, ParamKind kind, SemanticModel model, CancellationToken cancellationToken)
    {
        var expression = AttributeEdits.NamedArgument(attribute, property)?.Expression ?? ConstructorArgument(attribute, property, model, cancellationToken);
        if (expression is null) return null;
        var constant = model.GetConstantValue(expression, cancellationToken);
        if (!constant.HasValue) return null;
        return (kind, constant.Value) switch
        {
            (ParamKind.String, string s) => JsonValue.String(s),
            (ParamKind.Json, string text) => JsonReader.Parse(text).Value,
            (ParamKind.Int, int i) => JsonValue.Number(i),
            (ParamKind.Bool, bool b) => JsonValue.Boolean(b),
            _ => null,
        };
    }

    /// <summary>NextName/DefaultName equal to the state name of the typeof given for Next/Default.</summary>
    private static bool RedundantTransitionName(AttributeSyntax attribute, AttributeArgumentSyntax argument, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!name.EndsWith("Name", StringComparison.Ordinal) || name.Length <= 4) return false;
        var typeProperty = name.Substring(0, name.Length - 4);
        if (model.GetConstantValue(argument.Expression, cancellationToken) is not { HasValue: true, Value: string stateName }) return false;

        // The typeof is a named argument (Next = typeof(X)) or, for [Catch], the constructor's 'next'.
        var typeArgument = AttributeEdits.NamedArgument(attribute, typeProperty)?.Expression
                           ?? ConstructorArgument(attribute, typeProperty, model, cancellationToken);
        if (typeArgument is not TypeOfExpressionSyntax typeOf) return false;
        if (model.GetTypeInfo(typeOf.Type, cancellationToken).Type is not INamedTypeSymbol target) return false;
        return string.Equals(StateName(target), stateName, StringComparison.Ordinal);
    }

    /// <summary>The ASL name a state class gets: its state attribute's Name, else the class name.</summary>
    private static string StateName(INamedTypeSymbol type)
    {
        var state = type.GetAttributes().FirstOrDefault(a => FlowstateSymbols.RoleOf(a) == AttributeRole.State);
        var named = state?.NamedArguments.FirstOrDefault(n => n.Key == "Name");
        return named?.Value.Value as string ?? type.Name;
    }

    /// <summary>A named argument repeating, with the same constant value, what the constructor already set.</summary>
    private static bool RepeatsConstructorArgument(AttributeSyntax attribute, AttributeArgumentSyntax argument, string name, SemanticModel model, CancellationToken cancellationToken)
    {
        if (ConstructorArgument(attribute, name, model, cancellationToken) is not { } positional) return false;
        var a = model.GetConstantValue(positional, cancellationToken);
        var b = model.GetConstantValue(argument.Expression, cancellationToken);
        return a.HasValue && b.HasValue && Equals(a.Value, b.Value);
    }

    /// <summary>The constructor argument that initializes <paramref name="property"/> (parameters are named after their properties).</summary>
    private static ExpressionSyntax? ConstructorArgument(AttributeSyntax attribute, string property, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetSymbolInfo(attribute, cancellationToken).Symbol is not IMethodSymbol constructor) return null;
        var index = -1;
        for (var i = 0; i < constructor.Parameters.Length; i++)
            if (!constructor.Parameters[i].IsParams && string.Equals(constructor.Parameters[i].Name, property, StringComparison.OrdinalIgnoreCase)) index = i;
        if (index < 0) return null;
        var arguments = attribute.ArgumentList?.Arguments ?? default;
        var parameterName = constructor.Parameters[index].Name;
        var byName = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameterName);
        if (byName is not null) return byName.Expression;
        var positional = arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        return index < positional.Count ? positional[index].Expression : null;
    }

    private static string Short(string text) => text.Length > 40 ? text.Substring(0, 37) + "..." : text;
}
