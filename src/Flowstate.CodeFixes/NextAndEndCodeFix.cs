using System.Composition;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW1011, Next and End together: remove <c>End = true</c>. Next is the one that says something
/// (where to go); End only contradicts it, and a state that should end has no reason to name a next one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NextAndEndCodeFix)), Shared]
public sealed class NextAndEndCodeFix : RemoveStateArgumentCodeFix
{
    public const string Key = DiagnosticIds.NextAndEnd + ".RemoveEnd";

    public NextAndEndCodeFix() : base(DiagnosticIds.NextAndEnd, "End", "Remove End = true (keep Next)", Key) { }
}
