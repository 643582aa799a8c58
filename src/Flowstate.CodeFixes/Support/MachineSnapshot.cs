using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Core.Model;
using Flowstate.Generator.Parsing;
using Flowstate.Core.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.CodeFixes.Support;

/// <summary>
/// The state machine around a diagnostic, re-read the way the analyzers read it: the same parser
/// (with locations) and the same validator. A code fix gets a <see cref="Diagnostic"/>, whose
/// message arguments Roslyn does not expose; matching it against the validator's own findings
/// recovers them (which key, which error name) without parsing message text.
/// </summary>
internal sealed class MachineSnapshot
{
    private IReadOnlyList<DiagnosticInfo>? _rules;

    private MachineSnapshot(SemanticModel model, INamedTypeSymbol machine, StateMachineParseResult parsed, CancellationToken cancellationToken)
    {
        Model = model;
        Machine = machine;
        Parsed = parsed;
        CancellationToken = cancellationToken;
    }

    public SemanticModel Model { get; }
    public INamedTypeSymbol Machine { get; }
    public StateMachineParseResult Parsed { get; }
    public StateMachineSpec? Spec => Parsed.Spec;
    private CancellationToken CancellationToken { get; }

    /// <summary>The FLOW1xxx..6xxx findings of the validator on this machine.</summary>
    public IReadOnlyList<DiagnosticInfo> Rules => _rules ??= Spec is null ? Array.Empty<DiagnosticInfo>() : SpecValidator.Validate(Spec, CancellationToken);

    /// <summary>The [StateMachine] class around <paramref name="node"/>, parsed with locations; null when there is none.</summary>
    public static async Task<MachineSnapshot?> CreateAsync(Document document, SyntaxNode node, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null) return null;
        foreach (var declaration in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type) continue;
            var attribute = type.GetAttributes().FirstOrDefault(a => FlowstateSymbols.RoleOf(a) == AttributeRole.StateMachine);
            if (attribute is null) continue;
            var parsed = StateMachineParser.Parse(type, attribute, captureLocations: true, cancellationToken);
            return new MachineSnapshot(model, type, parsed, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// The validator's (or parser's) finding that <paramref name="diagnostic"/> reports: same id and
    /// same message, preferring the same span (an analyzer may point more precisely than the model does).
    /// </summary>
    public DiagnosticInfo? Find(Diagnostic diagnostic)
    {
        var id = diagnostic.Id;
        var all = id.StartsWith("FLOW0", StringComparison.Ordinal) ? (IEnumerable<DiagnosticInfo>)Parsed.Diagnostics : Rules;
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var span = diagnostic.Location.SourceSpan;
        DiagnosticInfo? sameMessage = null;
        DiagnosticInfo? sameSpan = null;
        foreach (var info in all)
        {
            if (!string.Equals(info.Id, id, StringComparison.Ordinal)) continue;
            var infoSpan = new TextSpan(info.Location.Start, info.Location.Length);
            var messageMatches = string.Equals(Format(info), message, StringComparison.Ordinal);
            if (messageMatches && (infoSpan == span || infoSpan.Contains(span) || span.Contains(infoSpan))) return info;
            if (messageMatches) sameMessage ??= info;
            else if (infoSpan == span) sameSpan ??= info;
        }
        return sameMessage ?? sameSpan;
    }

    /// <summary>The message a finding gets from the descriptor the analyzers use.</summary>
    public static string Format(DiagnosticInfo info)
    {
        var descriptor = Descriptors.Find(info.Id);
        if (descriptor is null) return "";
        try
        {
            return string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), info.MessageArgs.Select(a => (object?)a).ToArray());
        }
        catch (FormatException)
        {
            return "";
        }
    }

    /// <summary>The state declared by the state attribute <paramref name="stateAttribute"/>.</summary>
    public StateSpec? StateOf(AttributeSyntax stateAttribute)
    {
        if (Spec is null) return null;
        foreach (var state in AllStates(Spec.Root))
            if (state.Location.IsKnown && state.Location.Start == stateAttribute.SpanStart
                && string.Equals(state.Location.FilePath, stateAttribute.SyntaxTree.FilePath, StringComparison.Ordinal))
                return state;
        return null;
    }

    private static IEnumerable<StateSpec> AllStates(ScopeSpec root)
    {
        var pending = new Stack<ScopeSpec>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var scope = pending.Pop();
            foreach (var state in scope.States)
            {
                yield return state;
                if (state.Branches is { } branches) foreach (var b in branches) pending.Push(b);
                if (state.Processor is { } processor) pending.Push(processor);
            }
        }
    }
}
