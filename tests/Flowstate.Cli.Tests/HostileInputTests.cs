using System.Text;
using Flowstate.Cli.Commands;

namespace Flowstate.Cli.Tests;

/// <summary>
/// Issue 11, items 18, 21, 23 and 24: what `validate` and `import` do with input written to hurt
/// them: bytes that are not UTF-8, control characters meant for the terminal, files far larger than
/// any definition Step Functions accepts, and a definition named like a file the project needs.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Minimal = """{ "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } }""";

    private readonly string _temp = Directory.CreateTempSubdirectory("flowstate-hostile-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    private static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowstateCli.Run(args, stdout, stderr);
        return new Outcome(code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    private string Input(string fileName, byte[] bytes)
    {
        var path = Path.Combine(_temp, fileName);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Input(string fileName, string text) => Input(fileName, new UTF8Encoding(false).GetBytes(text));

    private string Out => Path.Combine(_temp, "out");

    private static void AssertNoRawControlCharacters(string text)
    {
        foreach (var c in text)
            Assert.False(c < 0x20 && c != '\n' || c is >= '\u007f' and <= '\u009f' || c is '\u202e' or '\u2066', $"raw U+{(int)c:X4} in output:\n{text}");
    }

    // ---- 21: invalid UTF-8 is reported with its byte offset, never replaced ----------------------

    /// <summary>A definition whose Comment holds <paramref name="bad"/> at a known byte offset.</summary>
    private static (byte[] Bytes, int Offset) WithBadBytes(byte[] bad, bool bom = false)
    {
        var prefix = Encoding.UTF8.GetBytes("{\n  \"Comment\": \"caf\u00e9 ");
        var suffix = Encoding.UTF8.GetBytes("\",\n  \"StartAt\": \"Done\",\n  \"States\": { \"Done\": { \"Type\": \"Succeed\" } }\n}\n");
        var preamble = bom ? new byte[] { 0xEF, 0xBB, 0xBF } : Array.Empty<byte>();
        return (preamble.Concat(prefix).Concat(bad).Concat(suffix).ToArray(), preamble.Length + prefix.Length);
    }

    public static TheoryData<byte[], string> BadUtf8() => new()
    {
        { new byte[] { 0xFF }, "0xFF" },                      // never valid in UTF-8
        { new byte[] { 0xC3 }, "0xC3" },                      // a lead byte without its continuation
        { new byte[] { 0x80 }, "0x80" },                      // a continuation byte alone
        { new byte[] { 0xC0, 0xAF }, "0xC0" },                // overlong '/'
        { new byte[] { 0xED, 0xA0, 0x80 }, "0xED" },          // an encoded surrogate (CESU-8)
        { new byte[] { 0xF4, 0x90, 0x80, 0x80 }, "0xF4" },    // above U+10FFFF
    };

    [Theory]
    [MemberData(nameof(BadUtf8))]
    public void Validate_InvalidUtf8_ReportsByteOffset_Exit1(byte[] bad, string shown)
    {
        var (bytes, offset) = WithBadBytes(bad);
        var file = Input("bad.asl.json", bytes);

        var o = Run("validate", file);

        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{file}:2:", o.Stdout, StringComparison.Ordinal);
        Assert.Contains($"not valid UTF-8: byte {shown} at byte offset {offset}", o.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\ufffd", o.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidUtf8AfterBom_OffsetCountsTheBom()
    {
        var (bytes, offset) = WithBadBytes(new byte[] { 0xFF }, bom: true);
        var o = Run("validate", Input("bom.asl.json", bytes));
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"byte 0xFF at byte offset {offset}", o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_InvalidUtf8_ReportsByteOffset_WritesNothing_Exit1()
    {
        var (bytes, offset) = WithBadBytes(new byte[] { 0xC3, 0x28 });
        var file = Input("bad.asl.json", bytes);

        var o = Run("import", file, "--out", Out);

        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"not valid UTF-8: byte 0xC3 at byte offset {offset}", o.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "Bad.cs")));
    }

    [Fact]
    public void Validate_Utf8WithBom_IsFine()
    {
        var file = Input("bom.asl.json", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Minimal)).ToArray());
        var o = Run("validate", file, "--min-severity", "error");
        Assert.Equal(0, o.ExitCode);
    }

    [Fact]
    public void Import_ValidUtf8_KeepsEveryCharacter()
    {
        // Four-byte sequences and the last valid code points survive byte for byte.
        var text = """{ "Comment": "😀 \uDBFF\uDFFF 名前 é", "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } }""";
        var o = Run("import", Input("ok.asl.json", text), "--out", Out);
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("😀 \uDBFF\uDFFF 名前 é", File.ReadAllText(Path.Combine(Out, "Ok.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Utf16WithBom_StillRead()
    {
        var file = Input("utf16.asl.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Minimal)).ToArray());
        Assert.Equal(0, Run("validate", file, "--min-severity", "error").ExitCode);
    }

    // ---- 23: control characters from the input never reach the terminal raw ------------------

    private const string Evil = "Evil\u001b[2J\u001b]0;pwned\u0007\r\u009b31m\u202eX";

    private static string EvilDefinition => $$"""
        {
          "StartAt": "{{Escape(Evil)}}",
          "States": {
            "{{Escape(Evil)}}": { "Type": "Pass", "Next": "Nowhere\u001b[31m" }
          }
        }
        """;

    private static string Escape(string s) => string.Concat(s.Select(c => c < 0x20 || c > 0x7e ? $"\\u{(int)c:X4}" : c.ToString()));

    [Fact]
    public void Validate_Text_EscapesControlCharactersInMessages()
    {
        var o = Run("validate", Input("evil.asl.json", EvilDefinition));

        Assert.Equal(1, o.ExitCode);
        Assert.Contains("FLOW1002", o.Stdout, StringComparison.Ordinal);
        Assert.Contains("Evil\\u001B[2J\\u001B]0;pwned\\u0007\\r\\u009B31m\\u202EX", o.Stdout, StringComparison.Ordinal);
        AssertNoRawControlCharacters(o.All);
    }

    [Fact]
    public void Validate_Json_EscapesControlCharactersAndStaysEqual()
    {
        var o = Run("validate", Input("evil.asl.json", EvilDefinition), "--format", "json");

        AssertNoRawControlCharacters(o.All);
        using var document = System.Text.Json.JsonDocument.Parse(o.Stdout);
        var messages = document.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("message").GetString()!).ToList();
        // The JSON still carries the exact text: tools decode the escapes.
        Assert.Contains(messages, m => m.Contains(Evil, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FileNameWithControlCharacters_IsEscaped()
    {
        var o = Run("validate", Path.Combine(_temp, "no\u001b[31mfile.asl.json"));
        Assert.Equal(1, o.ExitCode);
        Assert.Contains("no\\u001B[31mfile.asl.json", o.Stdout, StringComparison.Ordinal);
        AssertNoRawControlCharacters(o.All);
    }

    [Fact]
    public void Import_EscapesControlCharactersInMessages()
    {
        // A state the importer writes as [RawState] draws a warning naming the state.
        var text = """{ "StartAt": "A\u001b[2J", "States": { "A\u001b[2J": { "Type": "Bogus\u009b" } } }""";
        var o = Run("import", Input("evil.asl.json", text), "--out", Out);
        Assert.Contains("\\u001B[2J", o.Stderr, StringComparison.Ordinal);
        AssertNoRawControlCharacters(o.All);
    }

    // ---- 24: a sane size limit, checked before reading -----------------------------------------

    private static readonly string Limit = InputFiles.MaxInputBytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes";

    private string Huge(string name, long bytes)
    {
        var path = Path.Combine(_temp, name);
        using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            stream.Write(Encoding.UTF8.GetBytes(Minimal.TrimEnd('}') + ", \"Comment\": \""));
            stream.SetLength(bytes); // sparse: the test does not write gigabytes either
        }
        return path;
    }

    // ---- 5: FLOW5008 measures the file as given, in UTF-8 bytes ------------------------------------

    [Fact]
    public void Validate_MinifiedDefinitionUnderOneMegabyte_NotTooLarge_Exit0()
    {
        // ~800 KB minified; Flowstate's indented re-serialization of the 200,000-element array is several
        // times larger, which is what FLOW5008 used to measure.
        var items = string.Join(",", Enumerable.Repeat("[1,2]", 133_000));
        var text = "{\"StartAt\":\"Data\",\"States\":{\"Data\":{\"Type\":\"Pass\",\"Result\":[" + items + "],\"End\":true}}}";
        var bytes = new UTF8Encoding(false).GetBytes(text);
        Assert.InRange(bytes.Length, 790_000, 810_000);
        var o = Run("validate", Input("minified.asl.json", bytes));
        Assert.DoesNotContain("FLOW5008", o.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, o.ExitCode);
    }

    [Fact]
    public void Validate_CjkDefinitionOverOneMegabyteInUtf8_TooLarge_Exit1()
    {
        // 400,000 CJK characters in a Comment: 1.2 MB of UTF-8, though only ~400,000 UTF-16 characters.
        var cjk = string.Concat(Enumerable.Repeat("\u6570\u636e\u7ba1\u9053", 100_000));
        var text = "{\n  \"Comment\": \"" + cjk + "\",\n  \"StartAt\": \"Done\",\n  \"States\": { \"Done\": { \"Type\": \"Succeed\" } }\n}\n";
        var bytes = new UTF8Encoding(false).GetBytes(text);
        Assert.InRange(bytes.Length, 1_200_000, 1_200_200);
        var o = Run("validate", Input("cjk.asl.json", bytes));
        Assert.Contains($"error FLOW5008: The definition is {bytes.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes long (UTF-8); Step Functions accepts at most 1,048,576 bytes", o.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, o.ExitCode);
    }

    [Fact]
    public void Validate_FileAboveTheLimit_RefusedWithTheLimitStated()
    {
        var file = Huge("huge.asl.json", 3L * 1024 * 1024 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var o = Run("validate", file);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1, o.ExitCode);
        Assert.Contains("is 3,221,225,472 bytes", o.Stdout, StringComparison.Ordinal);
        Assert.Contains(Limit, o.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 MB", o.Stdout, StringComparison.Ordinal);
        // The file was never read: a few kilobytes of work, not gigabytes.
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Import_FileAboveTheLimit_RefusedAndNothingWritten()
    {
        var file = Huge("huge.asl.json", InputFiles.MaxInputBytes + 1);
        var o = Run("import", file, "--out", Out);
        Assert.Equal(1, o.ExitCode);
        Assert.Contains(Limit, o.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "Huge.cs")));
    }

    [Fact]
    public void Validate_FileAtTheLimit_IsRead()
    {
        // Exactly the limit is allowed (the content is not valid JSON, but it was read and parsed).
        var file = Huge("limit.asl.json", InputFiles.MaxInputBytes);
        var o = Run("validate", file);
        Assert.Contains("FLOW0003", o.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MiB", o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EndlessDevice_RefusedAtTheLimit()
    {
        if (!File.Exists("/dev/zero")) return; // Windows has no /dev/zero; the sparse-file tests cover the size check there
        var o = Run("validate", "/dev/zero");
        Assert.Equal(1, o.ExitCode);
        Assert.Contains(Limit, o.Stdout, StringComparison.Ordinal);
    }

    // ---- 18: no imported definition loses its file to the project's own files -----------------

    [Theory]
    [InlineData("Program.asl.json")]
    [InlineData("program.asl.json")]
    [InlineData("PROGRAM.asl.json")]
    public void ImportProject_DefinitionNamedProgram_KeepsItsOwnFile(string fileName)
    {
        var o = Run("import", Input(fileName, Minimal), "--out", Out, "--project");

        Assert.Equal(0, o.ExitCode);
        var files = Directory.GetFiles(Out, "*.cs").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Equal(2, files.Length);
        Assert.Contains("Program.cs", files);
        var imported = files.Single(f => f != "Program.cs")!;
        Assert.Contains("[StateMachine(", File.ReadAllText(Path.Combine(Out, imported)), StringComparison.Ordinal);
        Assert.Equal(ProjectWriter.ProgramText, File.ReadAllText(Path.Combine(Out, "Program.cs")));
    }

    [Theory]
    [InlineData("con.asl.json")]
    [InlineData("AUX.asl.json")]
    [InlineData("nul.asl.json")]
    [InlineData("com1.asl.json")]
    public void Import_DefinitionNamedLikeADevice_GetsAFileWindowsCanHold(string fileName)
    {
        var o = Run("import", Input(fileName, Minimal), "--out", Out);
        Assert.Equal(0, o.ExitCode);
        var written = Directory.GetFiles(Out, "*.cs").Select(f => Path.GetFileNameWithoutExtension(f)!).Single();
        Assert.DoesNotMatch("^(?i:con|prn|aux|nul|com[0-9]|lpt[0-9])$", written);
    }

    // ---- 19: the project does not depend on the folders above it ----------------------------------
    // (ProjectEndToEndTests builds one inside a hostile folder; these check the files themselves.)

    [Fact]
    public void ImportProject_WritesTheFilesThatStopMsBuildSearchingParentFolders()
    {
        var o = Run("import", Input("a.asl.json", Minimal), "--out", Out, "--project");

        Assert.Equal(0, o.ExitCode);
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            var text = File.ReadAllText(Path.Combine(Out, name));
            Assert.EndsWith("<Project />\n", text, StringComparison.Ordinal);
            Assert.Contains($"wrote {Path.Combine(Out, name)}", o.Stdout, StringComparison.Ordinal);
        }
        Assert.True(File.Exists(Path.Combine(Out, "Directory.Build.rsp")));
        Assert.Contains("root = true", File.ReadAllText(Path.Combine(Out, ".editorconfig")), StringComparison.Ordinal);
    }

    [Fact]
    public void ImportProject_Again_RewritesItsOwnFiles_KeepsTheUsersWithAWarning()
    {
        Directory.CreateDirectory(Out);
        var mine = Path.Combine(Out, "Directory.Build.props");
        File.WriteAllText(mine, "<Project><PropertyGroup><Mine>1</Mine></PropertyGroup></Project>");
        var input = Input("a.asl.json", Minimal);

        var first = Run("import", input, "--out", Out, "--project");
        var second = Run("import", input, "--out", Out, "--project");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("<Project><PropertyGroup><Mine>1</Mine></PropertyGroup></Project>", File.ReadAllText(mine));
        Assert.Contains($"warning: kept the existing {mine}", second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Directory.Build.targets", second.Stderr, StringComparison.Ordinal);
        Assert.Contains($"wrote {Path.Combine(Out, "Directory.Build.targets")}", second.Stdout, StringComparison.Ordinal);
    }
}
