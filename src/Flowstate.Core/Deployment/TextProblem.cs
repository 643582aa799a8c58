using Flowstate.Core.Model;
using Flowstate.Core.Validation;

namespace Flowstate.Core.Deployment;

/// <summary>
/// A problem inside a text the user wrote (a schedule expression, a time-zone name, a date, an event
/// pattern). <see cref="Offset"/> and <see cref="Length"/> count from the start of that text (for a C#
/// attribute argument: from the start of the string literal's value), so the analyzer places the
/// diagnostic on the wrong characters with the same <see cref="JsonLocationResolver"/> it uses for
/// JSON payloads. <see cref="Replacement"/>, when set, is the text that should replace those characters
/// (the fix is unambiguous: <c>day</c> for <c>days</c> in <c>rate(1 days)</c>, the closest time-zone name).
/// </summary>
public sealed record TextProblem(string Id, int Offset, int Length, string Message, string? Replacement = null)
{
    /// <summary>
    /// The problem as a diagnostic: on its own characters when <paramref name="resolve"/> can place them
    /// inside <paramref name="field"/> (the location of the argument or JSON value that holds the text),
    /// else on <paramref name="field"/>. The message is the only message argument (descriptors say "{0}").
    /// </summary>
    public DiagnosticInfo ToDiagnostic(SourceRef field, JsonLocationResolver? resolve)
    {
        var at = resolve is null ? default : resolve(field, Offset, Length);
        return new DiagnosticInfo(Id, at.IsKnown ? at : field, EquatableArray.Create(Message));
    }
}
