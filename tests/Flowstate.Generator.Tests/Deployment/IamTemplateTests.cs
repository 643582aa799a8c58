using System.Text.Json.Nodes;
using Flowstate.Core.Asl;
using Flowstate.Core.Deployment;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// Every row of the IAM table (<see cref="IamDerivationTests.Table"/>: each typed integration and pattern,
/// with the deploy-facts row it follows and, where CDK and serverless-step-functions differ, the choice)
/// through the template path the generator uses (TemplateWriter.MachineFor, PlanStacks, Write): the role in
/// the written template holds exactly the table's statements, and cfn-lint 1.51.0 passes all these templates
/// (one run) with no error and no warning, so every action is a real IAM action and every resource a valid ARN.
/// </summary>
public class IamTemplateTests
{
    [Fact]
    public void EveryTableRow_InTheTemplatesRole_AndCfnLintClean()
    {
        var dir = Directory.CreateTempSubdirectory("flowstate-iam-cfnlint-");
        try
        {
            var files = new List<string>();
            var mismatches = new List<string>();
            foreach (var ((integration, pattern), (parameters, expected, row)) in IamDerivationTests.Table)
            {
                var info = IntegrationCatalog.FindByAttribute(integration)!;
                var resource = "arn:aws:states:::" + info.ResourceBase + IntegrationCatalog.Suffix(pattern);
                var json = "{ \"StartAt\": \"T\", \"States\": { \"T\": { \"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"Parameters\": " + parameters + ", \"End\": true } } }";
                var spec = AslReader.Read(json, "etl").Spec!;
                var machine = TemplateWriter.MachineFor(spec, new MachineDeploymentSpec { LogicalId = "Etl", MachineName = "etl" });
                var template = TemplateWriter.Write(Assert.Single(TemplateWriter.PlanStacks(new AssemblyDeploymentSpec { AssemblyName = "Iam" }, new[] { machine })));

                var role = JsonNode.Parse(template.Json)!["Resources"]!["EtlRole"]!["Properties"]!;
                var statements = role["Policies"]?[0]?["PolicyDocument"]?["Statement"]?.AsArray().Select(Format).ToArray() ?? Array.Empty<string>();
                if (!expected.SequenceEqual(statements))
                    mismatches.Add($"{integration}/{pattern} (row '{row}')\n  expected: {string.Join("\n            ", expected)}\n  template: {string.Join("\n            ", statements)}");

                var file = Path.Combine(dir.FullName, integration + "-" + pattern + ".template.json");
                File.WriteAllText(file, template.Json);
                files.Add(file);
            }
            Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
            Assert.Equal(IamDerivationTests.Table.Count, files.Count);

            var findings = CfnLint.Run(files).Where(f => f.Rule.StartsWith('E') || f.Rule.StartsWith('W')).ToList();
            Assert.True(findings.Count == 0, "cfn-lint:\n" + string.Join("\n", findings));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    // The table's notation: "action,action -> resource,resource[ if condition]"; a Ref is written back as ${Name}, an Fn::Sub as its text.
    private static string Format(JsonNode? statement)
    {
        var actions = OneOrMany(statement!["Action"]).Select(a => a!.GetValue<string>());
        var resources = OneOrMany(statement["Resource"]).Select(r => r switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonObject o when o["Ref"] is { } name => "${" + name.GetValue<string>() + "}",
            JsonObject o when o["Fn::Sub"] is { } text => text.GetValue<string>(),
            _ => r!.ToJsonString(),
        });
        var condition = statement["Condition"] is { } c ? " if " + c.ToJsonString() : "";
        return string.Join(",", actions) + " -> " + string.Join(",", resources) + condition;
    }

    private static IEnumerable<JsonNode?> OneOrMany(JsonNode? node) => node is JsonArray a ? a : new[] { node };
}
