using System.Globalization;
using System.Text.Json;
using Flowstate.Cli.Commands;
using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Diagnostics;

namespace Flowstate.Cli.Tests;

public sealed class ValidateCommandTests
{
    private static readonly string InvalidDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "invalid-cli");

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    /// <summary>Runs `flowstate validate` on files of tests/TestData/invalid-cli, named without their directory in the output.</summary>
    private static Outcome Validate(params string[] args)
    {
        var resolved = args.Select(a => a.EndsWith(".json", StringComparison.Ordinal) ? Path.Combine(InvalidDirectory, a) : a);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowstateCli.Run(new[] { "validate" }.Concat(resolved).ToArray(), stdout, stderr);
        string Clean(string s) => s.Replace("\r\n", "\n").Replace(InvalidDirectory + Path.DirectorySeparatorChar, "");
        return new Outcome(code, Clean(stdout.ToString()), Clean(stderr.ToString()));
    }

    private static void AssertNoStackTrace(Outcome o)
    {
        Assert.DoesNotContain("   at ", o.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", o.All, StringComparison.Ordinal);
    }

    // ---- exact output -------------------------------------------------------------------------------

    [Fact]
    public void BrokenGraph_Text_OneLinePerFindingInPositionOrderAndExit1()
    {
        var o = Validate("broken-graph.asl.json");
        Assert.Equal(
            """
            broken-graph.asl.json:10:7: error FLOW1002: State 'Extract' transitions to 'Transfrom', which is not a state of the top level; did you mean 'Transform'?
            broken-graph.asl.json:12:18: error FLOW1005: State 'Transform' in the top level is never reached: it is not the StartAt and no state transitions to it; remove it or transition to it
            broken-graph.asl.json:15:7: error FLOW1011: State 'Transform' has both Next ('Load') and End: true; keep only one of them
            broken-graph.asl.json:17:13: warning FLOW1006: State 'Load' in the top level cannot be reached from StartAt 'Extract': only state 'Transform', which cannot be reached either, transition to it; connect it to the rest of the workflow or remove it
            broken-graph.asl.json:18:7: error FLOW1010: Pass state 'Load' has neither Next nor End: true; set Next to the state that follows, or End: true to end the execution
            1 file: 4 errors, 1 warning, 0 info

            """, o.Stdout);
        Assert.Equal("", o.Stderr);
        Assert.Equal(1, o.ExitCode);
    }

    [Fact]
    public void InvalidJson_Text_ReportsLineAndColumnWithoutStackTrace()
    {
        var o = Validate("not-json.asl.json");
        Assert.Equal(
            """
            not-json.asl.json:5:3: error FLOW0003: the file is not valid JSON: trailing comma in object, expected a member name
            1 file: 1 error, 0 warnings, 0 info

            """, o.Stdout);
        Assert.Equal(1, o.ExitCode);
        AssertNoStackTrace(o);
    }

    [Fact]
    public void WarningsAndSuggestionsOnly_Text_AllReportedAndExit0()
    {
        var o = Validate("suggestions-only.asl.json");
        Assert.Equal(
            """
            suggestions-only.asl.json:4:13: warning FLOW1009: States 'Call', 'Again?' in the top level form a loop with no Wait state; every pass costs state transitions and history events (an execution is limited to 25,000 events), so add a Wait state to the loop
            suggestions-only.asl.json:6:7: info FLOW6001: Lambda task 'Call' has no retrier for Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException; AWS recommends retrying these transient errors, for example [Retry(LambdaErrors.ServiceException, LambdaErrors.AwsLambdaException, LambdaErrors.SdkClientException, LambdaErrors.TooManyRequestsException, IntervalSeconds = 1, MaxAttempts = 3, BackoffRate = 2)]
            suggestions-only.asl.json:6:7: info FLOW6002: Task state 'Call' has no TimeoutSeconds; if the call hangs, the state waits until the execution times out; set TimeoutSeconds to fail fast and let Retry or Catch handle States.Timeout
            suggestions-only.asl.json:7:63: info FLOW3009: 'id' in Parameters of state 'Call' holds '$.id', which looks like a path but is passed as literal text because the key does not end with '.$'; name the key 'id.$' to select the value
            1 file: 0 errors, 1 warning, 3 info

            """, o.Stdout);
        Assert.Equal(0, o.ExitCode);
    }

    [Fact]
    public void MinSeverityWarning_Text_LeavesOutSuggestions()
    {
        var o = Validate("suggestions-only.asl.json", "--min-severity", "warning");
        Assert.Equal(
            """
            suggestions-only.asl.json:4:13: warning FLOW1009: States 'Call', 'Again?' in the top level form a loop with no Wait state; every pass costs state transitions and history events (an execution is limited to 25,000 events), so add a Wait state to the loop
            1 file: 0 errors, 1 warning, 0 info

            """, o.Stdout);
        Assert.Equal(0, o.ExitCode);
    }

    [Fact]
    public void WarnAsError_Text_ReportsWarningsAsErrorsAndExit1()
    {
        var o = Validate("suggestions-only.asl.json", "--warnaserror", "--min-severity", "error");
        Assert.Equal(
            """
            suggestions-only.asl.json:4:13: error FLOW1009: States 'Call', 'Again?' in the top level form a loop with no Wait state; every pass costs state transitions and history events (an execution is limited to 25,000 events), so add a Wait state to the loop
            1 file: 1 error, 0 warnings, 0 info

            """, o.Stdout);
        Assert.Equal(1, o.ExitCode);
    }

    [Fact]
    public void CallbackTask_StandardByDefault_NoFinding()
    {
        var o = Validate("express-callback.asl.json");
        Assert.Equal("1 file: 0 errors, 0 warnings, 0 info\n", o.Stdout);
        Assert.Equal(0, o.ExitCode);
    }

    [Fact]
    public void CallbackTask_TypeExpress_ReportsExpressRule()
    {
        var o = Validate("express-callback.asl.json", "--type", "express");
        Assert.Equal(
            """
            express-callback.asl.json:6:7: error FLOW5007: State 'Wait for approval' uses the .waitForTaskToken integration pattern, which Express workflows do not support; call the service with the request-response pattern and poll, or make the workflow Standard
            1 file: 1 error, 0 warnings, 0 info

            """, o.Stdout);
        Assert.Equal(1, o.ExitCode);
    }

    [Fact]
    public void SeveralFiles_Text_SortedByFileWhateverTheArgumentOrder()
    {
        var o = Validate("suggestions-only.asl.json", "not-json.asl.json", "broken-graph.asl.json", "--min-severity", "error");
        var files = o.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Select(l => l.Substring(0, l.IndexOf(':'))).ToList();
        Assert.Equal(new[] { "broken-graph.asl.json", "broken-graph.asl.json", "broken-graph.asl.json", "broken-graph.asl.json", "not-json.asl.json" }, files);
        Assert.EndsWith("3 files: 5 errors, 0 warnings, 0 info\n", o.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, o.ExitCode);
    }

    [Fact]
    public void SameFileTwice_Text_ValidatedOnce()
    {
        var o = Validate("not-json.asl.json", "not-json.asl.json");
        Assert.Equal(2, o.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.EndsWith("1 file: 1 error, 0 warnings, 0 info\n", o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFile_Text_SaysSoAndExit1()
    {
        var o = Validate("no-such-file.asl.json");
        Assert.Equal(
            """
            no-such-file.asl.json: error: cannot read the file: no such file
            1 file: 1 error, 0 warnings, 0 info

            """, o.Stdout);
        Assert.Equal(1, o.ExitCode);
        AssertNoStackTrace(o);
    }

    [Fact]
    public void DirectoryAndNonObject_Text_SayWhatIsWrong()
    {
        var temp = Directory.CreateTempSubdirectory("flowstate-validate-");
        try
        {
            var array = Path.Combine(temp.FullName, "array.asl.json");
            File.WriteAllText(array, "[1, 2]");
            var o = Validate(temp.FullName, array);
            var root = temp.FullName;
            Assert.Equal(
                $"""
                {root}: error: is a directory; name the *.asl.json files in it
                {array}:1:1: error FLOW0003: a state machine definition must be a JSON object, not an array
                2 files: 2 errors, 0 warnings, 0 info

                """, o.Stdout);
            Assert.Equal(1, o.ExitCode);
            AssertNoStackTrace(o);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public void JsonFormat_InvalidAndMissingFiles_ExactDocument()
    {
        var o = Validate("not-json.asl.json", "no-such-file.asl.json", "--format", "json");
        Assert.Equal(
            """
            {
              "diagnostics": [
                {
                  "file": "no-such-file.asl.json",
                  "line": 0,
                  "column": 0,
                  "endLine": 0,
                  "endColumn": 0,
                  "severity": "error",
                  "id": null,
                  "message": "cannot read the file: no such file"
                },
                {
                  "file": "not-json.asl.json",
                  "line": 5,
                  "column": 3,
                  "endLine": 5,
                  "endColumn": 4,
                  "severity": "error",
                  "id": "FLOW0003",
                  "message": "the file is not valid JSON: trailing comma in object, expected a member name",
                  "helpUri": "https://github.com/flowstate-dotnet/flowstate/blob/main/docs/diagnostics/FLOW0003.md"
                }
              ],
              "summary": {
                "files": 2,
                "errors": 2,
                "warnings": 0,
                "info": 0
              }
            }

            """, o.Stdout);
        Assert.Equal(1, o.ExitCode);
    }

    [Fact]
    public void JsonFormat_Findings_CarryTheDescriptorsSeverityMessageAndHelp()
    {
        var o = Validate("broken-graph.asl.json", "suggestions-only.asl.json", "--format", "json");
        using var document = JsonDocument.Parse(o.Stdout);
        var diagnostics = document.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(9, diagnostics.Count);
        foreach (var d in diagnostics)
        {
            var descriptor = Rules.Find(d.GetProperty("id").GetString()!)!;
            Assert.Equal(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), d.GetProperty("severity").GetString());
            Assert.Equal(descriptor.HelpLinkUri, d.GetProperty("helpUri").GetString());
            Assert.True(d.GetProperty("line").GetInt32() > 0);
            Assert.DoesNotContain("{0}", d.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
        var summary = document.RootElement.GetProperty("summary");
        Assert.Equal(4, summary.GetProperty("errors").GetInt32());
        Assert.Equal(2, summary.GetProperty("warnings").GetInt32());
        Assert.Equal(3, summary.GetProperty("info").GetInt32());
    }

    // ---- usage errors: exit 2 -------------------------------------------------------------------------

    [Fact]
    public void NoFiles_UsageError_Exit2()
    {
        var o = Validate();
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("error:", o.Stderr, StringComparison.Ordinal);
        Assert.Equal("", o.Stdout);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--min-severity", "fatal")]
    [InlineData("--type", "batch")]
    public void UnknownOptionValue_UsageError_Exit2(string option, string value)
    {
        var o = Validate("not-json.asl.json", option, value);
        Assert.Equal(2, o.ExitCode);
        Assert.Contains(value, o.Stderr, StringComparison.Ordinal);
        Assert.Equal("", o.Stdout);
    }

    [Fact]
    public void UnknownOption_UsageError_Exit2()
    {
        var o = Validate("not-json.asl.json", "--strict");
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("--strict", o.Stderr, StringComparison.Ordinal);
        Assert.Equal("", o.Stdout);
    }

    // ---- the corpus -----------------------------------------------------------------------------------

    [Fact]
    public void Corpus_AllFiles_NoErrorExceptTheKnownRealOne()
    {
        const string knownWrong = "shared-fallback-state-jsonata_statemachine_statemachine.asl.json";
        var options = new ValidateOptions(Corpus.Files);
        var findings = Corpus.Files.SelectMany(f => ValidateRunner.ValidateFile(f, options)).ToList();

        var errors = findings.Where(f => f.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        var unexpected = errors.Where(f => Path.GetFileName(f.File) != knownWrong).Select(f => f.ToString()).ToList();
        Assert.True(unexpected.Count == 0, "unexpected errors:\n" + string.Join("\n", unexpected));
        // The known one: 'QueryLanguage' written inside States (FLOW4002) makes the JSONata fields errors (FLOW3013).
        Assert.Contains(errors, f => Path.GetFileName(f.File) == knownWrong && f.Id == DiagnosticIds.StateNotAnObject);

        // Every finding has a position and a formatted message.
        Assert.All(findings, f => Assert.True(f.Line > 0 && f.Column > 0, f.ToString()));
        Assert.All(findings, f => Assert.DoesNotContain("{0}", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Corpus_ThroughTheCommand_Exit1OnlyBecauseOfTheKnownError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowstateCli.Run(new[] { "validate", "--min-severity", "error" }.Concat(Corpus.Files).ToArray(), stdout, stderr);
        var lines = stdout.ToString().Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, code);
        Assert.All(lines.SkipLast(1), l => Assert.Contains("shared-fallback-state-jsonata_statemachine_statemachine.asl.json:", l, StringComparison.Ordinal));
        Assert.StartsWith(Corpus.Files.Count.ToString(CultureInfo.InvariantCulture) + " files: ", lines[^1], StringComparison.Ordinal);
        Assert.Equal("", stderr.ToString());
    }
}
