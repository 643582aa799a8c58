using System.Text.RegularExpressions;
using Flowstate.Core.Asl;
using Flowstate.Core.Deployment;
using Flowstate.Core.Model;
using Flowstate.Generator.Tests.Asl;

namespace Flowstate.Generator.Tests.Deployment;

/// <summary>
/// The 169 real-world definitions of the corpus, each read as `import` reads it and written into a stack
/// template through the path the generator (and so `export`) uses (TemplateWriter.MachineFor: the ASL
/// object, the role derived from its Tasks; PlanStacks; Write), then cfn-lint 1.51.0 over all 169
/// templates in one run: no error, no warning, except the explained findings below.
/// </summary>
public class CorpusTemplateTests
{
    // Findings that are expected, matched on "<file>: <rule> <message>", each with the reason. Every entry must
    // still match something, so the list cannot go stale silently. Two kinds, and only these two:
    // (1) cfn-lint is provably wrong; (2) the corpus definition itself is not deployable as written (cfn-lint is
    // right, and Flowstate imports definitions as written, never repairing them).
    private static readonly (Regex Finding, string Why)[] s_expected =
    {
        // (1) cfn-lint wrong
        (new Regex(@": E3601 'arn:\$\{[A-Za-z]+\}:states:::"),
            "cfn-lint matches a Task's Resource against its ARN pattern before DefinitionSubstitutions replace ${partition} / ${Partition} / ${AWSPartition}; the deployed definition holds arn:aws:states:::... (the same entry as Placeholders in CfnLintTests)"),
        (new Regex(@"^parallel-agent-early-stopping_statemachine_main\.template\.json: E3601 Additional properties are not allowed \('OutputPath' was unexpected\)"),
            "the States Language allows InputPath and OutputPath on a Succeed state (spec, 'Succeed State' and the table of fields per state type); cfn-lint's schema leaves OutputPath out"),
        (new Regex(@"^quorum-with-parallel-pattern_statemachine_statemachine\.template\.json: E3601 Additional properties are not allowed \('Parameters' was unexpected\)"),
            "the States Language allows Parameters on a Parallel state (spec, table of fields per state type; Step Functions docs, Parallel state: Parameters); cfn-lint's schema leaves it out"),
        // (2) the definition is not deployable as written
        (new Regex(@"^ingest-and-analyze-historical-storm-events_statemachine_statemachine\.template\.json: E3510 'arn:aws:lambda:us-east-1:<account_number>:function:<function_name>"),
            "the definition's Lambda ARN holds the fill-in text <account_number> / <function_name>; the derived role grants on it as written and IAM would reject it"),
        (new Regex(@"^sfn-rekognition-video-catalog-workflow_statemachine_statemachine\.template\.json: E3510 'arn:aws:lambda:\{REGION\}:\{ACCOUNT-NUMBER\}:function:"),
            "the definition's Lambda ARNs hold the fill-in text {REGION} / {ACCOUNT-NUMBER}"),
        (new Regex(@"^sfn-textract-callback-ts-cdk_statemachine_statemachine\.template\.json: E3510 'TOPIC_ARN'"),
            "the definition's TopicArn is TOPIC_ARN, a token the CDK app replaces before deploying"),
        (new Regex(@"^s3-bucket-nested-distributed-map_statemachine_statemachine\.template\.json: E3510 'topic'"),
            "the definition's TopicArn is the word 'topic', not an ARN"),
        (new Regex(@"^shared-fallback-state-jsonata_statemachine_statemachine\.template\.json: E3601 "),
            "the definition puts \"QueryLanguage\": \"JSONata\" inside States (a state named QueryLanguage) instead of at the top, so the machine is JSONPath and its Arguments / Output fields are invalid"),
    };

    [Fact]
    public void EveryCorpusDefinition_InAStackTemplate_CfnLintNoErrorOrWarning()
    {
        Assert.Equal(Corpus.ExpectedCount, Corpus.FileNames.Count);
        var dir = Directory.CreateTempSubdirectory("flowstate-corpus-cfnlint-");
        try
        {
            var files = new List<string>();
            foreach (var fileName in Corpus.FileNames)
            {
                var name = fileName.Substring(0, fileName.Length - ".asl.json".Length);
                // Step Functions names: at most 80 characters; leave room for the stage suffix.
                var machineName = name.Length > 60 ? name.Substring(0, 60) : name;
                var read = AslReader.Read(Corpus.Read(fileName), machineName, fileName);
                Assert.True(read.Spec is not null, fileName + " was not read");
                var deployment = new MachineDeploymentSpec { LogicalId = LogicalIds.Of(machineName), MachineName = machineName, WorkflowType = read.Spec!.WorkflowType };
                var machine = TemplateWriter.MachineFor(read.Spec, deployment);
                var stack = Assert.Single(TemplateWriter.PlanStacks(new AssemblyDeploymentSpec { AssemblyName = "Corpus" }, new[] { machine }));
                var template = TemplateWriter.Write(stack);
                Assert.True(template.Findings.All(f => f.Id == "FLOW7014"), fileName + ": " + string.Join(", ", template.Findings.Select(f => f.Id)));
                var file = Path.Combine(dir.FullName, name + ".template.json");
                File.WriteAllText(file, template.Json);
                files.Add(file);
            }

            var findings = CfnLint.Run(files);
            var unexpected = new List<string>();
            var matched = new HashSet<int>();
            var explained = 0;
            foreach (var f in findings)
            {
                if (!(f.Rule.StartsWith('E') || f.Rule.StartsWith('W'))) continue;
                var line = Path.GetFileName(f.File) + ": " + f.Rule + " " + f.Message;
                var entry = Array.FindIndex(s_expected, e => e.Finding.IsMatch(line));
                if (entry < 0) unexpected.Add(f.ToString());
                else { matched.Add(entry); explained++; }
            }
            Assert.True(unexpected.Count == 0, unexpected.Count + " unexplained cfn-lint findings over " + files.Count + " templates:\n" + string.Join("\n", unexpected));
            Assert.True(matched.Count == s_expected.Length, "explained findings that no longer occur: " + string.Join("; ", s_expected.Where((_, i) => !matched.Contains(i)).Select(e => e.Finding.ToString())));
            // 169 templates, 35 explained findings in 13 of them (recorded so that a change shows up here).
            Assert.Equal(35, explained);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
