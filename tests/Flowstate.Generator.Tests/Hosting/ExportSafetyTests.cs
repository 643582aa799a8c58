using Flowstate.Hosting;

namespace Flowstate.Generator.Tests.Hosting;

/// <summary>
/// Issue 11, items 16, 22 and 23: `export` writes only plain file names inside --out, never the
/// same file twice, and never prints control characters from a machine name raw. The names here
/// are what a project gets when FLOW5003 is switched off (every rule is configurable).
/// </summary>
public sealed class ExportSafetyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flowstate-export-" + Guid.NewGuid().ToString("N"));

    private string Out => Path.Combine(_root, "a", "b", "out");

    public ExportSafetyTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static StateMachineDefinition Machine(string name, Type? type = null)
        => new(name, WorkflowType.Standard, "{\n  \"StartAt\": \"A\"\n}\n", "flowchart TD\n", "digraph {\n}\n", type ?? typeof(ExportSafetyTests));

    private static (int Code, string Out, string Err) Run(IReadOnlyList<StateMachineDefinition> machines, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = FlowstateConsole.Run(args, machines, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Every file under the temporary root: nothing may appear anywhere but in --out.</summary>
    private string[] FilesWritten() => Directory.GetFiles(_root, "*", SearchOption.AllDirectories)
        .Select(f => Path.GetRelativePath(_root, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToArray();

    public static TheoryData<string, string> UnsafeNames() => new()
    {
        { "../../escaped", "'/'" },
        { "../escaped", "'/'" },
        { "..\\..\\escaped", "'\\'" },
        { "sub/dir", "'/'" },
        { "/tmp/flowstate-absolute", "'/'" },
        { "C:evil", "':'" },
        { "C:\\Windows\\evil", "':'" },
        { "..", "only of dots" },
        { ".", "only of dots" },
        { "", "empty" },
        { "CON", "reserved device name" },
        { "nul", "reserved device name" },
        { "Com1", "reserved device name" },
        { "LPT9.backup", "reserved device name" },
        { "a\u0000b", "control character" },
        { "a\u001b[31mred", "control character" },
        { "tab\there", "control character" },
        { "what?", "'?'" },
        { "star*", "'*'" },
        { "pipe|x", "'|'" },
        { "lt<x", "'<'" },
        { "quote\"x", "'\"'" },
        { new string('x', 300), "bytes" },
        { new string('é', 125), "bytes" },
    };

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public void Export_UnsafeName_RefusesAndWritesNothing(string name, string reason)
    {
        var (code, output, error) = Run(new[] { Machine("fine"), Machine(name) }, "export", "--out", Out);

        Assert.Equal(1, code);
        Assert.Contains("cannot export", error);
        Assert.Contains(reason, error);
        Assert.DoesNotContain("wrote", output);
        // Nothing at all, not even the good machine: a half-written export is a surprise too.
        Assert.Empty(FilesWritten());
        Assert.False(File.Exists("/tmp/flowstate-absolute.asl.json"));
    }

    [Fact]
    public void Export_UnpairedSurrogate_Refuses()
    {
        // Not theory data: xunit's serialization of test cases would replace the lone surrogate.
        Export_UnsafeName_RefusesAndWritesNothing("lone\ud800surrogate", "unpaired surrogate");
        Export_UnsafeName_RefusesAndWritesNothing("lone\udc00", "unpaired surrogate");
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("daily-etl.v2")]
    [InlineData("Ünïcødé-名前")]
    [InlineData("CONSOLE")]          // only the exact device names are reserved
    [InlineData("com10")]
    [InlineData("a..b")]
    [InlineData("-leading-dash")]
    public void Export_PlainName_IsWrittenInsideOut(string name)
    {
        var (code, output, error) = Run(new[] { Machine(name) }, "export", "--out", Out);

        Assert.True(code == 0, error);
        Assert.Equal(new[] { "a/b/out/" + name + ".asl.json" }, FilesWritten());
        Assert.Contains(name + ".asl.json", output);
    }

    [Fact]
    public void Export_SameNameTwice_RefusesNamingBothClasses()
    {
        var first = Machine("orders", typeof(string));
        var second = Machine("orders", typeof(int));

        var (code, _, error) = Run(new[] { first, second }, "export", "--out", Out);

        Assert.Equal(1, code);
        Assert.Contains("orders.asl.json", error);
        Assert.Contains("System.String", error);
        Assert.Contains("System.Int32", error);
        Assert.Empty(FilesWritten());
    }

    [Theory]
    [InlineData("Orders", "orders")]                 // the same file on Windows and macOS
    [InlineData("caf\u00e9", "cafe\u0301")]          // NFC and NFD: the same file on macOS
    public void Export_NamesThatAreOneFileSomewhere_Refuses(string a, string b)
    {
        var (code, _, error) = Run(new[] { Machine(a, typeof(string)), Machine(b, typeof(int)) }, "export", "--out", Out);

        Assert.Equal(1, code);
        Assert.Contains("same file", error);
        Assert.Empty(FilesWritten());
    }

    [Fact]
    public void Export_OneMachineOfADuplicatePair_StillRefuses()
    {
        var (code, _, error) = Run(new[] { Machine("orders", typeof(string)), Machine("orders", typeof(int)) },
            "export", "--out", Out, "--machine", "orders");
        Assert.Equal(1, code);
        Assert.Contains("orders.asl.json", error);
        Assert.Empty(FilesWritten());
    }

    [Fact]
    public void NoCommand_UnsafeName_RefusesToo()
    {
        // No command exports to ./flowstate-out; the refusal comes before anything is created there.
        var escaped = Path.GetFullPath("flowstate-export-escaped-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = Run(new[] { Machine("../" + Path.GetFileName(escaped)) });
        Assert.Equal(1, code);
        Assert.Contains("cannot export", error);
        Assert.False(File.Exists(escaped + ".asl.json"));
    }

    [Fact]
    public void List_EscapesControlCharactersOfNames()
    {
        var (code, output, _) = Run(new[] { Machine("evil\u001b[2J\r\u009b31m\u202e") }, "list");
        Assert.Equal(0, code);
        Assert.Contains("evil\\u001B[2J\\r\\u009B31m\\u202E\t", output);
        Assert.DoesNotContain('\u001b', output);
        Assert.DoesNotContain('\r', output);
    }

    [Fact]
    public void Graph_EscapesControlCharactersLineByLine()
    {
        var machine = new StateMachineDefinition("m", WorkflowType.Standard, "{}", "flowchart TD\n    a[\"x\u001b]0;title\u0007\"]\n", "digraph {\n}\n", typeof(string));
        var (code, output, _) = Run(new[] { machine }, "graph");
        Assert.Equal(0, code);
        Assert.Equal("flowchart TD\n    a[\"x\\u001B]0;title\\u0007\"]\n", output);
    }

    [Fact]
    public void Export_Refusal_EscapesControlCharactersOfNames()
    {
        var (_, _, error) = Run(new[] { Machine("a\u001b[31m/b") }, "export", "--out", Out);
        Assert.Contains("a\\u001B[31m/b", error);
        Assert.DoesNotContain('\u001b', error);
    }

    [Fact]
    public void UnknownMachine_EscapesTheArgumentAndNames()
    {
        var (_, _, error) = Run(new[] { Machine("x\u0007") }, "graph", "n\u001b");
        Assert.Contains("'n\\u001B'", error);
        Assert.Contains("x\\u0007", error);
        Assert.DoesNotContain('\u0007', error);
    }

    [Theory]
    [InlineData("orders", null)]
    [InlineData("../x", "contains '/'")]
    [InlineData("AUX", "reserved device name")]
    public void FileNameProblem_SaysWhatIsWrong(string name, string? expected)
    {
        var problem = ExportFiles.FileNameProblem(name);
        if (expected is null) Assert.Null(problem);
        else Assert.Contains(expected, problem);
    }

    [Fact]
    public void TerminalText_LeavesOrdinaryTextAlone()
    {
        const string text = "C:\\path\\to file/é 名前 🙂 'quoted' \"x\"";
        Assert.Equal(text, TerminalText.Escape(text));
        Assert.Equal("a\\nb\\tc\\u007F\\u2028", TerminalText.Escape("a\nb\tc\u007f\u2028"));
    }
}
