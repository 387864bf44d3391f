namespace Neurotag.Output;

/// <summary>
/// The run folder cannot be prepared, committed or cleaned up: the path is a file, the folder
/// already holds results, permission was denied, and so on. <see cref="Exception.Message"/> says
/// what went wrong and names the folder; <see cref="Hint"/> says what the user can do about it.
/// The CLI prints both (no stack trace) and exits with the invalid-input code.
/// </summary>
public sealed class OutputFolderException : Exception
{
    /// <summary>Creates the exception with a default message and no hint.</summary>
    public OutputFolderException()
        : this("The output folder cannot be used.", string.Empty, null)
    {
    }

    /// <summary>Creates the exception with a message and no hint.</summary>
    /// <param name="message">What went wrong, naming the folder.</param>
    public OutputFolderException(string message)
        : this(message, string.Empty, null)
    {
    }

    /// <summary>Creates the exception with a message, no hint and the underlying error.</summary>
    /// <param name="message">What went wrong, naming the folder.</param>
    /// <param name="innerException">The I/O error that caused it.</param>
    public OutputFolderException(string message, Exception? innerException)
        : this(message, string.Empty, innerException)
    {
    }

    /// <summary>Creates the exception with a message, a hint and optionally the underlying error.</summary>
    /// <param name="message">What went wrong, naming the folder.</param>
    /// <param name="hint">What the user can do about it, e.g. <c>pass --force to overwrite, or choose another --out</c>.</param>
    /// <param name="innerException">The I/O error that caused it, or null.</param>
    public OutputFolderException(string message, string hint, Exception? innerException = null)
        : base(message, innerException)
    {
        Hint = hint ?? string.Empty;
    }

    /// <summary>What the user can do about the error; empty when there is nothing useful to say.</summary>
    public string Hint { get; }
}
