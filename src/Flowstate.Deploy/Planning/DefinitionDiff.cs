using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flowstate.Deploy.Planning;

/// <summary>
/// A state-level diff of two ASL definitions, in words a person reads: <c>state Archive added</c>,
/// <c>TransformData: Retry[0].MaxAttempts 3 -> 5</c>, <c>StartAt: A -> B</c>. Nested scopes (Parallel
/// branches, Map processors) are walked the same way, their states named <c>Outer/Branch 1/Inner</c>.
/// This is what <c>cdk diff</c> shows as one unreadable changed string.
/// </summary>
public static class DefinitionDiff
{
    private const int MaxValueLength = 80;

    public static IReadOnlyList<string> Compare(JsonNode? before, JsonNode? after)
    {
        var lines = new List<string>();
        if (before is not JsonObject b || after is not JsonObject a)
        {
            if (!JsonNode.DeepEquals(before, after)) lines.Add("definition replaced (not a readable ASL object)");
            return lines;
        }
        CompareScope("", b, a, lines);
        return lines;
    }

    private static void CompareScope(string prefix, JsonObject before, JsonObject after, List<string> lines)
    {
        foreach (var key in Keys(before, after))
        {
            if (key == "States") continue;
            CompareValue((prefix.Length == 0 ? "" : prefix + ": ") + key, before[key], after[key], before.ContainsKey(key), after.ContainsKey(key), lines);
        }
        var bs = before["States"] as JsonObject ?? new JsonObject();
        var @as = after["States"] as JsonObject ?? new JsonObject();
        foreach (var name in @as.Select(p => p.Key).Where(n => !bs.ContainsKey(n)))
            lines.Add($"state {prefix}{name} added");
        foreach (var name in bs.Select(p => p.Key).Where(n => !@as.ContainsKey(n)))
            lines.Add($"state {prefix}{name} removed");
        foreach (var name in @as.Select(p => p.Key).Where(bs.ContainsKey))
        {
            if (bs[name] is JsonObject so && @as[name] is JsonObject sn) CompareState(prefix + name, so, sn, lines);
            else if (!JsonNode.DeepEquals(bs[name], @as[name])) lines.Add($"state {prefix}{name} changed");
        }
    }

    private static void CompareState(string name, JsonObject before, JsonObject after, List<string> lines)
    {
        var typeBefore = (string?)(before["Type"] as JsonValue);
        var typeAfter = (string?)(after["Type"] as JsonValue);
        if (typeBefore != typeAfter)
        {
            lines.Add($"{name}: Type {typeBefore ?? "(none)"} -> {typeAfter ?? "(none)"}");
            return;
        }
        foreach (var key in Keys(before, after))
        {
            if (key == "Branches" && before[key] is JsonArray bb && after[key] is JsonArray ab)
            {
                for (var i = 0; i < Math.Max(bb.Count, ab.Count); i++)
                {
                    var label = $"{name}/Branch {i + 1}";
                    if (i >= bb.Count) lines.Add($"{label} added");
                    else if (i >= ab.Count) lines.Add($"{label} removed");
                    else if (bb[i] is JsonObject ob && ab[i] is JsonObject nb) CompareScope(label + "/", ob, nb, lines);
                }
                continue;
            }
            if (key is "ItemProcessor" or "Iterator" && before[key] is JsonObject bp && after[key] is JsonObject ap)
            {
                CompareScope($"{name}/{key}/", bp, ap, lines);
                continue;
            }
            CompareValue(name + ": " + key, before[key], after[key], before.ContainsKey(key), after.ContainsKey(key), lines);
        }
    }

    private static void CompareValue(string path, JsonNode? before, JsonNode? after, bool hadBefore, bool hasAfter, List<string> lines)
    {
        if (!hadBefore && hasAfter) { lines.Add($"{path} added ({Show(after)})"); return; }
        if (hadBefore && !hasAfter) { lines.Add($"{path} removed (was {Show(before)})"); return; }
        if (JsonNode.DeepEquals(before, after)) return;
        switch (before, after)
        {
            case (JsonObject bo, JsonObject ao):
                foreach (var key in Keys(bo, ao))
                    CompareValue(path + "." + key, bo[key], ao[key], bo.ContainsKey(key), ao.ContainsKey(key), lines);
                return;
            case (JsonArray ba, JsonArray aa):
                for (var i = 0; i < Math.Max(ba.Count, aa.Count); i++)
                    CompareValue(path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", i < ba.Count ? ba[i] : null, i < aa.Count ? aa[i] : null,
                        i < ba.Count, i < aa.Count, lines);
                return;
            default:
                lines.Add($"{path} {Show(before)} -> {Show(after)}");
                return;
        }
    }

    /// <summary>Keys of both objects: the new order first, then keys only the old one has.</summary>
    private static IEnumerable<string> Keys(JsonObject before, JsonObject after)
        => after.Select(p => p.Key).Concat(before.Select(p => p.Key).Where(k => !after.ContainsKey(k)));

    internal static string Show(JsonNode? v)
    {
        var text = v switch
        {
            null => "null",
            JsonValue jv when jv.GetValueKind() == JsonValueKind.String => jv.GetValue<string>(),
            _ => v.ToJsonString(),
        };
        return text.Length <= MaxValueLength ? text : text[..(MaxValueLength - 3)] + "...";
    }

    /// <summary>
    /// The ASL of a template's state machine resource: <c>Definition</c> (an object), or
    /// <c>DefinitionString</c> as a plain string, an <c>Fn::Sub</c> string, or an <c>Fn::Join</c> of strings.
    /// Null when it cannot be read without evaluating the template (S3 location, other intrinsics).
    /// </summary>
    public static JsonNode? DefinitionOf(JsonObject resource)
    {
        var props = resource["Properties"] as JsonObject;
        if (props is null) return null;
        if (props["Definition"] is JsonObject d) return d;
        var text = props["DefinitionString"] switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonObject o when o["Fn::Sub"] is JsonValue sv && sv.GetValueKind() == JsonValueKind.String => sv.GetValue<string>(),
            JsonObject o when o["Fn::Sub"] is JsonArray sa && sa.Count > 0 && sa[0] is JsonValue s0 && s0.GetValueKind() == JsonValueKind.String => s0.GetValue<string>(),
            JsonObject o when o["Fn::Join"] is JsonArray ja && ja.Count == 2 && ja[0] is JsonValue sep && ja[1] is JsonArray parts
                && parts.All(p => p is JsonValue pv && pv.GetValueKind() == JsonValueKind.String)
                => string.Join(sep.GetValue<string>(), parts.Select(p => p!.GetValue<string>())),
            _ => null,
        };
        if (text is null) return null;
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }
}
