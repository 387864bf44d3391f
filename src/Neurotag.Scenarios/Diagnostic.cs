namespace Neurotag.Scenarios;

/// <summary>
/// One problem in a scenario: where (file, 1-based line and column, key path), what was expected, and a hint.
/// Rendered as <c>file:line:col: key.path: message (hint: …)</c>, the format compilers use so editors can jump to it.
/// </summary>
/// <param name="File">The scenario file as the user named it.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Path">Key path, e.g. <c>populations.cortex.neuron.tau</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <param name="Hint">How to fix it; may be empty.</param>
public sealed record Diagnostic(string File, int Line, int Column, string Path, string Message, string Hint)
{
    /// <inheritdoc />
    public override string ToString()
    {
        string where = Path.Length == 0 ? string.Empty : Path + ": ";
        string hint = Hint.Length == 0 ? string.Empty : $" (hint: {Hint})";
        return $"{File}:{Line}:{Column}: {where}{Message}{hint}";
    }
}
