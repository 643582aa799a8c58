using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Flowstate.Hosting;

/// <summary>One file <c>export</c> will write: the machine and the full path inside the output folder.</summary>
public sealed class ExportFile
{
    internal ExportFile(StateMachineDefinition machine, string path)
    {
        Machine = machine;
        Path = path;
    }

    /// <summary>The state machine exported.</summary>
    public StateMachineDefinition Machine { get; }

    /// <summary>The full path of <c>&lt;name&gt;.asl.json</c>, always directly inside the output folder.</summary>
    public string Path { get; }
}

/// <summary>
/// Where <c>export</c> writes each state machine: <c>OUT/&lt;name&gt;.asl.json</c>, and only when
/// that is a plain, portable file name directly inside OUT.
/// </summary>
/// <remarks>
/// <para>The state machine name comes from user code and, with FLOW5003 switched off, may be anything.
/// A name that is not a plain file name is refused, never mapped to another file name: the file is
/// named after the machine so that a reader (and a deploy) can find it, and a silently altered name
/// would break that. Refused: an empty name, a name of dots only, a name holding a path separator
/// (<c>/ \</c>), a drive or stream separator (<c>:</c>), a character Windows forbids in file names
/// (<c>* ? " &lt; &gt; |</c>), a control character or an unpaired surrogate, a Windows device name
/// (CON, PRN, AUX, NUL, COM0-9, LPT0-9, alone or before the first '.'), and a file name longer than
/// 255 UTF-8 bytes.</para>
/// <para>Two machines whose file names are the same file somewhere (equal ignoring case, as on
/// Windows and macOS, or equal after Unicode normalization, as on macOS) are refused too: the second
/// would silently replace the first. A plan with any problem writes nothing.</para>
/// <para>Whatever the rules above let through, every path is checked to be directly inside OUT.</para>
/// </remarks>
public static class ExportFiles
{
    /// <summary>The extension of exported definitions.</summary>
    public const string Extension = ".asl.json";

    /// <summary>The longest file name (in UTF-8 bytes) common file systems accept.</summary>
    public const int MaxFileNameBytes = 255;

    private static readonly string[] DeviceNames =
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
        // Windows treats the superscript digits as digits here.
        "COM\u00B9", "COM\u00B2", "COM\u00B3", "LPT\u00B9", "LPT\u00B2", "LPT\u00B3",
    };

    private const string ForbiddenCharacters = "/\\:*?\"<>|";

    /// <summary>
    /// Null when <c>&lt;<paramref name="machineName"/>&gt;.asl.json</c> is a plain, portable file name;
    /// otherwise what is wrong with it, as a phrase ("contains '/'"). Control characters in the
    /// phrase are escaped.
    /// </summary>
    public static string? FileNameProblem(string machineName)
    {
        if (machineName is null) throw new ArgumentNullException(nameof(machineName));
        if (machineName.Length == 0) return "is empty";
        if (machineName.All(c => c == '.')) return "consists only of dots";
        for (var i = 0; i < machineName.Length; i++)
        {
            var c = machineName[i];
            if (ForbiddenCharacters.IndexOf(c) >= 0)
                return c == '/' || c == '\\' ? $"contains '{c}', a path separator"
                    : c == ':' ? "contains ':', a drive or stream separator on Windows"
                    : $"contains '{c}', which Windows does not allow in file names";
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
                return $"contains a control character ({TerminalText.Escape(c.ToString())})";
            if (char.IsHighSurrogate(c) && (i + 1 == machineName.Length || !char.IsLowSurrogate(machineName[i + 1])))
                return "contains an unpaired surrogate";
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(machineName[i - 1])))
                return "contains an unpaired surrogate";
        }
        if (IsWindowsDeviceName(machineName))
            return $"is a reserved device name on Windows ({Stem(machineName).ToUpperInvariant()})";
        var bytes = Encoding.UTF8.GetByteCount(machineName + Extension);
        if (bytes > MaxFileNameBytes)
            return $"makes a file name of {bytes} UTF-8 bytes; file systems allow {MaxFileNameBytes}";
        return null;
    }

    /// <summary>
    /// True when Windows would open a device instead of a file named <paramref name="fileName"/>:
    /// CON, PRN, AUX, NUL, COM0-9, LPT0-9 (any case), alone or before the first '.' ("nul.asl.json").
    /// </summary>
    public static bool IsWindowsDeviceName(string fileName)
    {
        if (fileName is null) throw new ArgumentNullException(nameof(fileName));
        var stem = Stem(fileName);
        return DeviceNames.Any(d => string.Equals(d, stem, StringComparison.OrdinalIgnoreCase));
    }

    private static string Stem(string fileName)
    {
        var dot = fileName.IndexOf('.');
        return (dot < 0 ? fileName : fileName.Substring(0, dot)).TrimEnd(' ');
    }

    /// <summary>
    /// The files to write for <paramref name="machines"/> into <paramref name="outDirectory"/>, or the
    /// problems (one sentence each, ready to print) that forbid writing any of them.
    /// </summary>
    public static IReadOnlyList<ExportFile> Plan(IReadOnlyList<StateMachineDefinition> machines, string outDirectory, out IReadOnlyList<string> problems)
    {
        if (machines is null) throw new ArgumentNullException(nameof(machines));
        if (outDirectory is null) throw new ArgumentNullException(nameof(outDirectory));
        var found = new List<string>();
        var files = new List<ExportFile>();
        var dir = TrimSeparators(System.IO.Path.GetFullPath(outDirectory));
        var byKey = new Dictionary<string, StateMachineDefinition>(StringComparer.Ordinal);
        foreach (var m in machines)
        {
            var fileName = m.Name + Extension;
            if (FileNameProblem(m.Name) is { } problem)
            {
                found.Add($"cannot export state machine '{TerminalText.Escape(m.Name)}' ({Describe(m.DeclaringType)}): its name {problem}. "
                    + $"export writes <name>{Extension} into the --out folder, so the name must be a plain file name; rename it in [StateMachine(\"...\")].");
                continue;
            }
            var key = SameFileKey(fileName);
            if (byKey.TryGetValue(key, out var other))
            {
                var how = string.Equals(other.Name, m.Name, StringComparison.Ordinal)
                    ? "both are named '" + TerminalText.Escape(m.Name) + "'"
                    : $"'{TerminalText.Escape(other.Name)}' and '{TerminalText.Escape(m.Name)}' are the same file on file systems that ignore case or Unicode normalization (Windows, macOS)";
                found.Add($"cannot export: state machines {Describe(other.DeclaringType)} and {Describe(m.DeclaringType)} would both be written to "
                    + $"{TerminalText.Escape(fileName)} ({how}); the second would replace the first. Give them different names.");
                continue;
            }
            byKey.Add(key, m);
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir, fileName));
            // Defence in depth: whatever the name rules let through, the file lands directly in OUT.
            var parent = System.IO.Path.GetDirectoryName(path);
            if (parent is null || !string.Equals(TrimSeparators(parent), dir, StringComparison.Ordinal)
                || !string.Equals(System.IO.Path.GetFileName(path), fileName, StringComparison.Ordinal))
            {
                found.Add($"cannot export state machine '{TerminalText.Escape(m.Name)}' ({Describe(m.DeclaringType)}): {TerminalText.Escape(path)} is not directly inside {TerminalText.Escape(dir)}.");
                continue;
            }
            files.Add(new ExportFile(m, path));
        }
        problems = found;
        return found.Count == 0 ? files : Array.Empty<ExportFile>();
    }

    // What makes two names one file: case (Windows, macOS) and Unicode normalization (macOS).
    private static string SameFileKey(string fileName)
    {
        string normalized;
        try
        {
            normalized = fileName.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            normalized = fileName;
        }
        return normalized.ToUpperInvariant();
    }

    private static string Describe(Type type) => TerminalText.Escape(type.FullName ?? type.Name);

    private static string TrimSeparators(string path)
    {
        var root = System.IO.Path.GetPathRoot(path) ?? "";
        var trimmed = path.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar);
        return trimmed.Length < root.Length ? root : trimmed;
    }
}
