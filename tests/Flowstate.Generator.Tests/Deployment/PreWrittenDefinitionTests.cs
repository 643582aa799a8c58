using Flowstate.Core.Asl;
using Flowstate.Core.Deployment;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Asl;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// What a TemplateMachine can carry so that one machine's change does not walk every definition's tree
/// again (DefinitionText, DefinitionPlaceholders, DefinitionHasIntrinsicKey): the template written with
/// them is the template written from the trees alone.
/// </summary>
public class PreWrittenDefinitionTests
{
    [Fact]
    public void Corpus_InOneStack_TemplateFromPrecomputedFacts_IsTemplateFromTrees()
    {
        var fromTrees = new List<TemplateMachine>();
        var fromTexts = new List<TemplateMachine>();
        foreach (var fileName in Corpus.FileNames)
        {
            var name = fileName.Substring(0, fileName.Length - ".asl.json".Length);
            var machineName = name.Length > 60 ? name.Substring(0, 60) : name;
            var spec = AslReader.Read(Corpus.Read(fileName), machineName, fileName).Spec!;
            var deployment = new MachineDeploymentSpec { LogicalId = LogicalIds.Of(machineName), MachineName = machineName, WorkflowType = spec.WorkflowType };
            var machine = TemplateWriter.MachineFor(spec, deployment);
            Assert.NotNull(machine.DefinitionPlaceholders);
            Assert.NotNull(machine.DefinitionHasIntrinsicKey);
            fromTrees.Add(machine with { DefinitionPlaceholders = null, DefinitionHasIntrinsicKey = null });
            fromTexts.Add(machine with { DefinitionText = AslWriter.Write(spec) });
        }
        var assembly = new AssemblyDeploymentSpec { AssemblyName = "Corpus" };

        var expected = TemplateWriter.Write(Assert.Single(TemplateWriter.PlanStacks(assembly, fromTrees)));
        var actual = TemplateWriter.Write(Assert.Single(TemplateWriter.PlanStacks(assembly, fromTexts)));

        Assert.Equal(Corpus.ExpectedCount, expected.MachineNames.Count);
        Assert.Equal(expected.Json, actual.Json);
        Assert.Equal(expected.Findings, actual.Findings);
    }

    [Fact]
    public void JsonWriter_PreWrittenValue_NestedAtItsDepth()
    {
        var inner = JsonReader.Parse("{ \"a\": [1, { \"b\": \"x\\ny\" }], \"c\": {} }").Value!;
        var outer = JsonValue.Object(new[] { new JsonProperty("k", JsonValue.Array(new[] { inner })) });

        var copied = JsonWriter.Write(outer, new Dictionary<JsonValue, string>(JsonValueReference.Comparer) { [inner] = JsonWriter.Write(inner) + "\n" });

        Assert.Equal(JsonWriter.Write(outer), copied);
        // An equal value that is another instance is written from its own tree.
        var other = JsonReader.Parse("{ \"a\": [1, { \"b\": \"x\\ny\" }], \"c\": {} }").Value!;
        Assert.Equal(JsonWriter.Write(outer), JsonWriter.Write(outer, new Dictionary<JsonValue, string>(JsonValueReference.Comparer) { [other] = "WRONG" }));
    }
}
