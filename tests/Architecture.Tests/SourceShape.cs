using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DenialPipeline.Architecture.Tests;

/// <summary>
/// Reads C# source with Roslyn's parser (no compilation) and reports what breaks the shape of issue #20: long methods
/// and files that hold several top-level types or are named after another one. Pure functions of the text, so the
/// tests can prove each check on a synthetic source.
/// </summary>
public static class SourceShape
{
    /// <summary>One method-like member: "Type.Member" (a local function: "Type.Method.Local"), where and how long.</summary>
    public sealed record Member(string Name, int Line, int Lines, string Kind);

    /// <summary>
    /// Methods, operators, constructors, accessors, local functions and expression-bodied (=>) properties and indexers,
    /// counted from the first line of the declaration (attributes included, leading comments not) to its last line.
    /// </summary>
    public static IReadOnlyList<Member> Members(string text)
    {
        var root = CSharpSyntaxTree.ParseText(text).GetRoot();
        return root.DescendantNodes().Where(IsMethodLike).Select(n =>
        {
            var span = n.GetLocation().GetLineSpan();
            return new Member(NameOf(n), span.StartLinePosition.Line + 1,
                span.EndLinePosition.Line - span.StartLinePosition.Line + 1, n.Kind().ToString());
        }).ToList();
    }

    /// <summary>The top-level types of a file (nested types belong to their parent), as declared, arity dropped.</summary>
    public static IReadOnlyList<string> TopLevelTypes(string text) =>
        CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<MemberDeclarationSyntax>()
            .Where(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
            .Select(m => m switch
            {
                BaseTypeDeclarationSyntax t => t.Identifier.Text,
                DelegateDeclarationSyntax d => d.Identifier.Text,
                _ => throw new InvalidOperationException(m.Kind().ToString()),
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Why a file breaks "one type per file, named after it", or null. A partial type may be spread over
    /// <c>Type.Part.cs</c> files (the name before the first dot counts); a file without types (Program.cs with
    /// top-level statements, assembly attributes) is fine.
    /// </summary>
    public static string? OneTypePerFileProblem(string fileName, string text)
    {
        var types = TopLevelTypes(text);
        if (types.Count > 1) return $"declares {types.Count} top-level types ({string.Join(", ", types)})";
        var stem = Path.GetFileNameWithoutExtension(fileName).Split('.')[0];
        if (types.Count == 1 && !string.Equals(types[0], stem, StringComparison.Ordinal))
            return $"declares {types[0]}, not {stem}";
        return null;
    }

    private static bool IsMethodLike(SyntaxNode n) =>
        n is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
        || n is BasePropertyDeclarationSyntax { } p && ExpressionBody(p) is not null;

    private static ArrowExpressionClauseSyntax? ExpressionBody(BasePropertyDeclarationSyntax p) => p switch
    {
        PropertyDeclarationSyntax prop => prop.ExpressionBody,
        IndexerDeclarationSyntax indexer => indexer.ExpressionBody,
        _ => null,
    };

    private static string NameOf(SyntaxNode n)
    {
        var own = n switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            ConstructorDeclarationSyntax => ".ctor",
            DestructorDeclarationSyntax => "Finalize",
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
            ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
            AccessorDeclarationSyntax a => a.Keyword.Text,
            LocalFunctionStatementSyntax l => l.Identifier.Text,
            PropertyDeclarationSyntax p => p.Identifier.Text,
            IndexerDeclarationSyntax => "this[]",
            _ => n.Kind().ToString(),
        };
        var outer = n.Ancestors().Select(a => a switch
        {
            BaseTypeDeclarationSyntax t => t.Identifier.Text,
            MethodDeclarationSyntax m => m.Identifier.Text,
            LocalFunctionStatementSyntax l => l.Identifier.Text,
            PropertyDeclarationSyntax p => p.Identifier.Text,
            ConstructorDeclarationSyntax => ".ctor",
            _ => null,
        }).Where(s => s is not null).Reverse();
        return string.Join(".", outer.Append(own));
    }
}
