using System.Collections.Generic;
using System.Linq;

namespace Flowstate.Core.Json;

/// <summary>
/// Compares two JSON documents as ASL consumers see them: object member order does not matter,
/// numbers compare by value ("2" equals "2.0"), everything else exactly. Members with the same
/// name (duplicate keys) are matched in order.
/// </summary>
public static class JsonEquivalence
{
    /// <summary>True when the documents are equivalent.</summary>
    public static bool AreEquivalent(JsonValue expected, JsonValue actual) => Differences(expected, actual, 1).Count == 0;

    /// <summary>Up to <paramref name="max"/> differences, each "/json/pointer: what differs".</summary>
    public static IReadOnlyList<string> Differences(JsonValue expected, JsonValue actual, int max = 20)
    {
        var found = new List<string>();
        Compare(expected, actual, "", found, max);
        return found;
    }

    private static void Compare(JsonValue e, JsonValue a, string pointer, List<string> found, int max)
    {
        if (found.Count >= max) return;
        var at = pointer.Length == 0 ? "/" : pointer;
        if (e.Kind != a.Kind)
        {
            found.Add($"{at}: expected {Show(e)}, got {Show(a)}");
            return;
        }
        switch (e.Kind)
        {
            case JsonKind.Number:
                if (!JsonNumbers.ValueEquals(e.Text!, a.Text!)) found.Add($"{at}: expected {e.Text}, got {a.Text}");
                break;
            case JsonKind.String:
                if (e.Text != a.Text) found.Add($"{at}: expected {Show(e)}, got {Show(a)}");
                break;
            case JsonKind.Array:
                for (var i = 0; i < System.Math.Min(e.Items.Count, a.Items.Count); i++)
                    Compare(e.Items[i], a.Items[i], pointer + "/" + i, found, max);
                if (e.Items.Count != a.Items.Count && found.Count < max)
                    found.Add($"{at}: expected {e.Items.Count} element(s), got {a.Items.Count}");
                break;
            case JsonKind.Object:
                var actualByName = a.Properties.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList());
                var expectedByName = e.Properties.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToList());
                foreach (var group in expectedByName)
                {
                    var child = pointer + "/" + Escape(group.Key);
                    if (!actualByName.TryGetValue(group.Key, out var actualValues))
                    {
                        if (found.Count < max) found.Add($"{child}: missing (expected {Show(group.Value[0])})");
                        continue;
                    }
                    for (var i = 0; i < System.Math.Min(group.Value.Count, actualValues.Count); i++)
                        Compare(group.Value[i], actualValues[i], child, found, max);
                    if (group.Value.Count != actualValues.Count && found.Count < max)
                        found.Add($"{child}: expected the key {group.Value.Count} time(s), got {actualValues.Count}");
                }
                foreach (var group in actualByName)
                    if (!expectedByName.ContainsKey(group.Key) && found.Count < max)
                        found.Add($"{pointer}/{Escape(group.Key)}: unexpected (got {Show(group.Value[0])})");
                break;
        }
    }

    /// <summary>A JSON pointer reference token (RFC 6901: "~" is "~0", "/" is "~1").</summary>
    public static string Escape(string token) => token.Replace("~", "~0").Replace("/", "~1");

    private static string Show(JsonValue v)
    {
        var s = v.ToString();
        return s.Length > 80 ? s.Substring(0, 77) + "..." : s;
    }
}
