using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Flowstate.Hosting;

namespace Flowstate.Cli.Commands;

/// <summary>Why an input file could not be read; <see cref="Line"/> and <see cref="Column"/> are one-based, 0 when the problem is the whole file.</summary>
internal sealed record InputError(string Message, int Line = 0, int Column = 0)
{
    /// <summary><c>FILE:LINE:COL: message</c>, or <c>FILE: message</c>, with control characters escaped.</summary>
    public string Describe(string file)
    {
        var where = Line > 0 ? $"{file}:{Line.ToString(CultureInfo.InvariantCulture)}:{Column.ToString(CultureInfo.InvariantCulture)}" : file;
        return TerminalText.Escape($"{where}: {Message}");
    }
}

/// <summary>
/// How every command treats the ASL files it is given, so that they all say the same thing about
/// the same bad input.
/// </summary>
internal static class InputFiles
{
    /// <summary>
    /// The largest file read: 4 MiB. Step Functions accepts definitions of up to 1 MB
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, "Maximum definition
    /// size"), so this leaves room for indentation and comments stripped before deployment, while a
    /// runaway or malicious input costs at most a few megabytes instead of gigabytes.
    /// </summary>
    public const int MaxInputBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The first argument that looks like an option but is not a file. The parser takes any token it
    /// does not know as a file, so such a token is a mistyped option.
    /// </summary>
    public static string? UnknownOption(IEnumerable<string> files)
        => files.FirstOrDefault(f => f.StartsWith("-", StringComparison.Ordinal) && !File.Exists(f));

    /// <summary>
    /// Reads an input file: UTF-8 (a byte order mark is allowed; UTF-16 and UTF-32 with their byte
    /// order marks are read too), at most <see cref="MaxInputBytes"/>. Bytes that do not decode are an
    /// error with their offset, never replaced. On failure <paramref name="error"/> says why in words
    /// a user can act on.
    /// </summary>
    public static bool TryRead(string file, out string text, out InputError error)
    {
        text = "";
        error = new InputError("");
        if (Directory.Exists(file))
        {
            error = new InputError("is a directory; name the *.asl.json files in it");
            return false;
        }
        byte[] bytes;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            // The size is checked before reading; a stream without a length (a pipe, a device) is read up to the limit.
            if (stream.CanSeek && stream.Length > MaxInputBytes)
            {
                error = TooLarge("is " + stream.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes");
                return false;
            }
            if (ReadAtMost(stream, MaxInputBytes) is not { } read)
            {
                error = TooLarge("is larger than that");
                return false;
            }
            bytes = read;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error = new InputError("cannot read the file: " + e switch
            {
                FileNotFoundException => "no such file",
                DirectoryNotFoundException => "no such directory",
                UnauthorizedAccessException => "access denied",
                _ => e.Message,
            });
            return false;
        }
        return Decode(bytes, out text, out error);
    }

    private static InputError TooLarge(string what)
        => new($"{what}, and flowstate reads definitions of up to {MaxInputBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes (4 MiB): "
            + "Step Functions accepts definitions of up to 1 MB, so a larger file cannot be deployed; it was not read");

    // Null when the stream holds more than max bytes.
    private static byte[]? ReadAtMost(Stream stream, int max)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, max + 1L - buffer.Length));
            if (n == 0) return buffer.ToArray();
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max) return null;
        }
    }

    /// <summary>Decodes strictly; an undecodable byte is reported with its offset (counted from the file's first byte, BOM included).</summary>
    internal static bool Decode(byte[] bytes, out string text, out InputError error)
    {
        text = "";
        error = new InputError("");
        if (StartsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) return DecodeWith(new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32", bytes, 4, out text, out error);
        if (StartsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) return DecodeWith(new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32", bytes, 4, out text, out error);
        if (StartsWith(bytes, 0xFE, 0xFF)) return DecodeWith(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16", bytes, 2, out text, out error);
        if (StartsWith(bytes, 0xFF, 0xFE)) return DecodeWith(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16", bytes, 2, out text, out error);

        var start = StartsWith(bytes, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        var input = bytes.AsSpan(start);
        var chars = new char[input.Length];
        var status = Utf8.ToUtf16(input, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
        if (status == System.Buffers.OperationStatus.Done)
        {
            text = new string(chars, 0, written);
            return true;
        }
        var offset = start + read;
        var decoded = chars.AsSpan(0, written);
        var lineStart = decoded.LastIndexOf('\n') + 1;
        error = new InputError(
            $"the file is not valid UTF-8: byte 0x{bytes[offset]:X2} at byte offset {offset.ToString(CultureInfo.InvariantCulture)} does not form a valid UTF-8 sequence; "
                + "save the file as UTF-8 (flowstate does not replace what it cannot decode)",
            decoded.Count('\n') + 1,
            decoded.Length - lineStart + 1);
        return false;
    }

    private static bool DecodeWith(Encoding encoding, string name, byte[] bytes, int bomLength, out string text, out InputError error)
    {
        text = "";
        error = new InputError("");
        try
        {
            text = encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
            return true;
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte offset {(bomLength + e.Index).ToString(CultureInfo.InvariantCulture)}" : "";
            error = new InputError($"the file starts with a {name} byte order mark but is not valid {name}{at}; save it as UTF-8 (flowstate does not replace what it cannot decode)");
            return false;
        }
    }

    private static bool StartsWith(byte[] bytes, params byte[] prefix)
        => bytes.Length >= prefix.Length && bytes.AsSpan(0, prefix.Length).SequenceEqual(prefix);
}
