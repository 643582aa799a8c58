using System.Collections.Generic;
using Flowstate.Core.Json;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.CodeFixes.Support;

/// <summary>
/// JSON text written as a C# string literal (regular, verbatim or raw), with the source position of
/// every character of its value. Edits are made at those positions, so the literal keeps its kind,
/// its quotes, its indentation and every other character.
/// </summary>
internal sealed class JsonLiteral
{
    private readonly int[] _map;

    private JsonLiteral(LiteralExpressionSyntax expression, JsonValue value, int[] map)
    {
        Expression = expression;
        Value = value;
        _map = map;
    }

    public LiteralExpressionSyntax Expression { get; }
    public JsonValue Value { get; }

    /// <summary>Reads a literal whose value is JSON; null for anything else (a constant, a concatenation, invalid JSON).</summary>
    public static JsonLiteral? Read(ExpressionSyntax? expression)
    {
        if (expression is not LiteralExpressionSyntax literal) return null;
        var map = LiteralMap.Build(literal);
        if (map is null) return null;
        var parsed = JsonReader.Parse(literal.Token.ValueText);
        return parsed.Value is null ? null : new JsonLiteral(literal, parsed.Value, map);
    }

    /// <summary>A text change inserting <paramref name="text"/> before character <paramref name="offset"/> of the value.</summary>
    public TextChange InsertBefore(int offset, string text) => new(new TextSpan(_map[offset], 0), text);

    /// <summary>
    /// A text change removing one member of an object with the separator and whitespace that tie it
    /// to its neighbour, so the object keeps its layout; the only member leaves <c>{}</c>.
    /// </summary>
    public TextChange RemoveMember(JsonValue owner, JsonProperty member)
    {
        var properties = owner.Properties;
        var index = -1;
        for (var i = 0; i < properties.Count; i++)
            if (properties[i].NameOffset == member.NameOffset) index = i;
        int start, end;
        if (index + 1 < properties.Count)
        {
            start = member.NameOffset;
            end = properties[index + 1].NameOffset;
        }
        else if (index > 0)
        {
            var previous = properties[index - 1].Value;
            start = previous.Offset + previous.Length;
            end = member.Value.Offset + member.Value.Length;
        }
        else
        {
            start = owner.Offset + 1;
            end = owner.Offset + owner.Length - 1;
        }
        return new TextChange(TextSpan.FromBounds(_map[start], end < _map.Length ? _map[end] : _map[end - 1] + 1), "");
    }

    /// <summary>Every object member in the JSON, depth first, in document order.</summary>
    public IEnumerable<(JsonValue Owner, JsonProperty Property)> Members()
    {
        var pending = new Stack<JsonValue>();
        pending.Push(Value);
        while (pending.Count > 0)
        {
            var value = pending.Pop();
            if (value.IsArray)
            {
                for (var i = value.Items.Count - 1; i >= 0; i--) pending.Push(value.Items[i]);
            }
            else if (value.IsObject)
            {
                foreach (var p in value.Properties) yield return (value, p);
                for (var i = value.Properties.Count - 1; i >= 0; i--) pending.Push(value.Properties[i].Value);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> can be inserted into any kind of literal as it is (no quote,
    /// backslash, brace or line break that one of the kinds would need escaped).
    /// </summary>
    public static bool IsSafeToInsert(string text)
    {
        foreach (var c in text)
            if (c is '"' or '\\' or '{' or '}' or '\r' or '\n') return false;
        return true;
    }
}
