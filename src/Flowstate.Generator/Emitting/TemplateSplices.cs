using System;
using System.Collections.Generic;
using System.Threading;
using Flowstate.Core.Model;
using Flowstate.Generator.Runtime;

namespace Flowstate.Generator.Emitting;

/// <summary>
/// One state machine definition inside a written template that the generated code takes from the
/// machine's <c>AslJson</c> constant instead of repeating it: the characters
/// [<see cref="Start"/>, <see cref="Start"/> + <see cref="Length"/>) of the template are
/// <c>GeneratedCode.NestJson(<see cref="TypeName"/>.AslJson, <see cref="Indent"/>)</c>.
/// </summary>
internal sealed record DefinitionSplice(int Start, int Length, string TypeName, int Indent);

/// <summary>The splices of one stack's template, in template order (empty: the template is emitted as one literal).</summary>
internal sealed record StackSplices(EquatableArray<DefinitionSplice> Items);

/// <summary>One machine of a stack, in the order of the stack's template, as <see cref="TemplateSplices.Find"/> needs it.</summary>
/// <param name="TypeName">"global::Ns.Outer.Type" when the generated manifest can reach the class (its AslJson), else null.</param>
/// <param name="AslJson">The text of the machine's generated AslJson constant.</param>
/// <param name="AsObject">Whether the template holds the definition as the Definition object (not DefinitionString).</param>
internal readonly record struct SpliceCandidate(string? TypeName, string AslJson, bool AsObject);

/// <summary>
/// Finds where a stack template holds each machine's definition, so that the generated C# carries
/// it once (the AslJson constant) rather than twice: 200 machines of 25 states are 5 MB of template
/// text, and with the machines' own constants over the compiler's 2^24-byte limit of user strings
/// (CS8103). Correct by construction: a splice is recorded only where the template's text equals the
/// nested constant, and the whole template is composed as the generated code will compose it and
/// compared with the text written; any difference and the stack gets no splice (one literal, as before).
/// </summary>
internal static class TemplateSplices
{
    // How JsonWriter writes the member; the key cannot occur raw inside a JSON string (its quotes would be escaped).
    private const string DefinitionKey = "\"Definition\": ";

    public static StackSplices Find(string json, IReadOnlyList<SpliceCandidate> machines, CancellationToken cancellationToken)
    {
        var splices = new List<DefinitionSplice>();
        var cursor = 0;
        foreach (var machine in machines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!machine.AsObject) continue; // DefinitionString: the definition is a JSON string, compact and escaped
            // The machines' resources are in the template in stack order, so the search goes on from the last
            // definition found. A candidate that is not this machine's definition (a user's own "Definition"
            // key, say in a role statement) is passed over.
            var from = cursor;
            while (true)
            {
                var key = json.IndexOf(DefinitionKey, from, StringComparison.Ordinal);
                if (key < 0) break;
                var start = key + DefinitionKey.Length;
                var indent = key - (json.LastIndexOf('\n', key) + 1);
                var nested = GeneratedCode.NestJson(machine.AslJson, indent);
                if (nested.Length <= json.Length - start && string.CompareOrdinal(json, start, nested, 0, nested.Length) == 0)
                {
                    if (machine.TypeName is not null) splices.Add(new DefinitionSplice(start, nested.Length, machine.TypeName, indent));
                    cursor = start + nested.Length;
                    break;
                }
                from = start;
            }
        }
        if (splices.Count == 0) return new StackSplices(default);

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var machine in machines)
            if (machine.TypeName is not null && !texts.ContainsKey(machine.TypeName)) texts.Add(machine.TypeName, machine.AslJson);
        var composed = Compose(json, splices, s => texts[s.TypeName]);
        return string.Equals(composed, json, StringComparison.Ordinal)
            ? new StackSplices(splices.ToEquatableArray())
            : new StackSplices(default);
    }

    /// <summary>
    /// The template as the generated code composes it: the text between the splices, and each splice
    /// as <c>string.Concat</c> gets it from <c>GeneratedCode.NestJson(AslJson, indent)</c>.
    /// </summary>
    public static string Compose(string json, IReadOnlyList<DefinitionSplice> splices, Func<DefinitionSplice, string> aslJsonOf)
    {
        var parts = new List<string>(splices.Count * 2 + 1);
        var at = 0;
        foreach (var splice in splices)
        {
            parts.Add(json.Substring(at, splice.Start - at));
            parts.Add(GeneratedCode.NestJson(aslJsonOf(splice), splice.Indent));
            at = splice.Start + splice.Length;
        }
        parts.Add(json.Substring(at));
        return string.Concat(parts.ToArray());
    }
}
