using System.ComponentModel;
using System.Text;

#if FLOWSTATE_GENERATOR
// Linked into the generator, internal and in the generator's namespace, so that a project seeing both
// assemblies' internals (the generator's tests) finds one GeneratedCode in each namespace.
namespace Flowstate.Generator.Runtime;
#else
namespace Flowstate.Internal;
#endif

/// <summary>
/// Support for code the Flowstate generator emits; not meant to be called by hand.
/// </summary>
/// <remarks>
/// The generated stack templates (<c>FlowstateManifest.Stacks</c>) embed every state machine's
/// definition as a JSON object. Writing that text again as a string literal would double the
/// program's user strings (CS8103 caps them at 2^24 bytes), so the generated code composes the
/// template from its own text and each machine's <c>AslJson</c> constant, nested to the depth where the
/// definition sits. The generator links this very file and composes the template the same way
/// before it emits the composition: when the result is not the template it wrote, byte for byte, it
/// emits the template as one literal instead.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
#if FLOWSTATE_GENERATOR
internal
#else
public
#endif
static class GeneratedCode
{
    /// <summary>
    /// <paramref name="json"/> (two-space indented, as Flowstate writes it) nested <paramref name="indent"/>
    /// spaces deeper: without its final line break, and with <paramref name="indent"/> spaces after every
    /// other line break. A JSON string never holds a raw line break, so this changes whitespace only.
    /// </summary>
    public static string NestJson(string json, int indent)
    {
        var length = json.Length > 0 && json[json.Length - 1] == '\n' ? json.Length - 1 : json.Length;
        var sb = new StringBuilder(length + (length / 16) * indent);
        var start = 0;
        for (var i = 0; i < length; i++)
        {
            if (json[i] != '\n') continue;
            sb.Append(json, start, i + 1 - start).Append(' ', indent);
            start = i + 1;
        }
        sb.Append(json, start, length - start);
        return sb.ToString();
    }
}
