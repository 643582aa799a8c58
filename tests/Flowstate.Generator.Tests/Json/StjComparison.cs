using System.Text.Json;
using Flowstate.Core.Json;

namespace Flowstate.Generator.Tests.Json;

/// <summary>Compares our DOM with System.Text.Json's, strictly: same kinds, same member order and duplicates, same strings, same number lexemes.</summary>
internal static class StjComparison
{
    /// <summary>Null when equal, else the JSON pointer of the first difference and what differs.</summary>
    public static string? Difference(Flowstate.Core.Json.JsonValue ours, JsonElement theirs, string pointer = "")
    {
        var where = pointer.Length == 0 ? "(root)" : pointer;
        switch (theirs.ValueKind)
        {
            case JsonValueKind.Null: return ours.Kind == JsonKind.Null ? null : $"{where}: {ours.Kind} vs null";
            case JsonValueKind.True: return ours.Kind == JsonKind.True ? null : $"{where}: {ours.Kind} vs true";
            case JsonValueKind.False: return ours.Kind == JsonKind.False ? null : $"{where}: {ours.Kind} vs false";
            case JsonValueKind.Number:
                // GetRawText is the lexeme as written, so this also checks that lexemes are kept.
                return ours.Kind == JsonKind.Number && ours.Text == theirs.GetRawText() ? null : $"{where}: {ours} vs {theirs.GetRawText()}";
            case JsonValueKind.String:
                return ours.Kind == JsonKind.String && ours.Text == theirs.GetString() ? null : $"{where}: {ours} vs {theirs.GetRawText()}";
            case JsonValueKind.Array:
            {
                if (ours.Kind != JsonKind.Array) return $"{where}: {ours.Kind} vs array";
                var items = theirs.EnumerateArray().ToList();
                if (items.Count != ours.Items.Count) return $"{where}: {ours.Items.Count} vs {items.Count} items";
                for (var i = 0; i < items.Count; i++)
                    if (Difference(ours.Items[i], items[i], $"{pointer}/{i}") is { } d) return d;
                return null;
            }
            default:
            {
                if (ours.Kind != JsonKind.Object) return $"{where}: {ours.Kind} vs object";
                var members = theirs.EnumerateObject().ToList();
                if (members.Count != ours.Properties.Count) return $"{where}: {ours.Properties.Count} vs {members.Count} members";
                for (var i = 0; i < members.Count; i++)
                {
                    if (ours.Properties[i].Name != members[i].Name) return $"{where}: member {i} is \"{ours.Properties[i].Name}\" vs \"{members[i].Name}\"";
                    if (Difference(ours.Properties[i].Value, members[i].Value, $"{pointer}/{members[i].Name}") is { } d) return d;
                }
                return null;
            }
        }
    }
}
