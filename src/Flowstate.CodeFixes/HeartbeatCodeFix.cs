using System.Composition;
using Flowstate.CodeFixes.Support;
using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Flowstate.CodeFixes;

/// <summary>
/// FLOW4007, HeartbeatSeconds not below TimeoutSeconds: remove HeartbeatSeconds. A heartbeat
/// interval that is not shorter than the timeout can never expire first — the task times out
/// before a missed heartbeat could be noticed — so removing it keeps what the state actually does.
/// Lowering it instead would mean inventing an interval (how often does this worker report?), which
/// only the author knows; that is left to them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HeartbeatCodeFix)), Shared]
public sealed class HeartbeatCodeFix : RemoveStateArgumentCodeFix
{
    public const string Key = DiagnosticIds.HeartbeatNotBelowTimeout + ".RemoveHeartbeat";

    public HeartbeatCodeFix()
        : base(DiagnosticIds.HeartbeatNotBelowTimeout, "HeartbeatSeconds", "Remove HeartbeatSeconds (it can never expire before TimeoutSeconds)", Key) { }
}
