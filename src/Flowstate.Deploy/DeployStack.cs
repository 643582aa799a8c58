using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Flowstate.Deploy;

/// <summary>
/// One stack of an app as the deploy program needs it: the app name (tags), the stack's base name
/// (the deployed stack is <c>&lt;Name&gt;-&lt;stage&gt;</c> unless the values file names it), the
/// CloudFormation template the generator wrote, and the names of its state machines.
/// </summary>
public sealed record DeployStack(string AppName, string Name, string TemplateJson, IReadOnlyList<string> StateMachineNames)
{
    /// <summary>The stack as the generated manifest exposes it (<c>FlowstateManifest.Stacks</c>).</summary>
    public static DeployStack From(Flowstate.StackDefinition definition)
    {
        if (definition is null) throw new ArgumentNullException(nameof(definition));
        return new DeployStack(definition.AppName, definition.Name, definition.TemplateJson, definition.StateMachineNames);
    }

    /// <summary>Parses the template (a deploy never starts with a template it cannot read).</summary>
    internal Template ParseTemplate() => Template.Parse(TemplateJson, $"the template of stack '{Name}'");
}

/// <summary>A parsed CloudFormation template (JSON), with the few views the deploy program needs.</summary>
internal sealed class Template
{
    private Template(JsonObject root, string text)
    {
        Root = root;
        Text = text;
    }

    public JsonObject Root { get; }
    public string Text { get; }

    public static Template Parse(string text, string what)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = false }); }
        catch (System.Text.Json.JsonException e)
        {
            throw new DeployException(ExitCodes.Usage, $"{what} is not valid JSON: {e.Message}");
        }
        if (node is not JsonObject o)
            throw new DeployException(ExitCodes.Usage, $"{what} is not a JSON object.");
        return new Template(o, text);
    }

    public static Template? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return JsonNode.Parse(text) is JsonObject o ? new Template(o, text) : null; }
        catch (System.Text.Json.JsonException) { return null; }
    }

    public IEnumerable<(string LogicalId, JsonObject Resource)> Resources
        => (Root["Resources"] as JsonObject ?? new JsonObject()).Where(p => p.Value is JsonObject).Select(p => (p.Key, (JsonObject)p.Value!));

    public IEnumerable<(string LogicalId, JsonObject Resource)> OfType(string type)
        => Resources.Where(r => string.Equals((string?)r.Resource["Type"]?.AsValue(), type, StringComparison.Ordinal));

    /// <summary>Template parameters: name -> (has a Default, default value, NoEcho).</summary>
    public IReadOnlyList<TemplateParameter> Parameters
        => (Root["Parameters"] as JsonObject ?? new JsonObject()).Select(p =>
        {
            var o = p.Value as JsonObject;
            var def = o?["Default"];
            return new TemplateParameter(p.Key, def is null ? null : def is JsonValue v && v.TryGetValue<string>(out var s) ? s : def.ToJsonString(),
                o?["NoEcho"] is JsonValue ne && (ne.TryGetValue<bool>(out var b) ? b : string.Equals(ne.ToString(), "true", StringComparison.OrdinalIgnoreCase)));
        }).ToArray();

    /// <summary>The logical id of the state machine named <paramref name="name"/>.</summary>
    public string? FindMachine(string name)
    {
        var machines = OfType("AWS::StepFunctions::StateMachine").ToArray();
        foreach (var (id, r) in machines)
            if (r["Metadata"]?["Flowstate"]?["StateMachineName"] is JsonValue v && v.ToString() == name) return id;
        foreach (var (id, _) in machines)
            if (string.Equals(id, name, StringComparison.OrdinalIgnoreCase)) return id;
        foreach (var (id, r) in machines)
            if (r["Properties"]?["StateMachineName"] is JsonValue v && v.ToString() == name) return id;
        var squashed = new string(name.Where(char.IsLetterOrDigit).ToArray());
        foreach (var (id, _) in machines)
            if (string.Equals(id, squashed, StringComparison.OrdinalIgnoreCase)) return id;
        return null;
    }
}

internal sealed record TemplateParameter(string Name, string? Default, bool NoEcho);
