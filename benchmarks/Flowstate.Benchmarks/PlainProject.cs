using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Benchmarks;

/// <summary>
/// The build comparison's control: the same project (same .csproj, same files, same classes) with
/// every attribute removed, and a plain Main instead of the generated one. The generator and the
/// analyzer still load; they find nothing to do.
/// </summary>
public static class PlainProject
{
    public static int Write(string source, string destination)
    {
        if (!Directory.Exists(source))
        {
            Console.Error.WriteLine($"write-plain: '{source}' is not a directory");
            return 2;
        }
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            var name = Path.GetFileName(file);
            var target = Path.Combine(destination, name);
            if (name == "Program.cs")
                File.WriteAllText(target, "internal static class Program { private static void Main() { } }\n");
            else if (name.EndsWith(".cs", StringComparison.Ordinal))
                File.WriteAllText(target, Strip(File.ReadAllText(file)));
            else if (name.EndsWith(".csproj", StringComparison.Ordinal))
                File.Copy(file, Path.Combine(destination, Path.GetFileName(destination.TrimEnd('/')) + ".csproj"), overwrite: true);
        }
        return 0;
    }

    public static string Strip(string text)
        => new Stripper().Visit(CSharpSyntaxTree.ParseText(text, Workload.ParseOptions).GetRoot()).ToFullString();

    private sealed class Stripper : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitAttributeList(AttributeListSyntax node) => null;
    }
}
