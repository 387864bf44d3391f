namespace Neurotag.Output;

/// <summary>
/// Recognizes failures of the storage an output is written to — a full disk or quota, a read-only or vanished file
/// system, denied permissions — however they arrive: as an <see cref="IOException"/>, wrapped by a library, or
/// gathered in an <see cref="AggregateException"/> (closing several CSV files, <c>Parallel.For</c>). They are
/// environment errors the user can fix, reported as an <see cref="OutputFolderException"/> (exit 2), never as bugs.
/// </summary>
public static class StorageFailure
{
    /// <summary>errno ENOSPC (Linux, macOS): no space left on device.</summary>
    private const int Enospc = 28;

    /// <summary>errno EDQUOT on Linux: disk quota exceeded.</summary>
    private const int EdquotLinux = 122;

    /// <summary>errno EDQUOT on macOS.</summary>
    private const int EdquotMac = 69;

    /// <summary>HRESULT of Windows' ERROR_DISK_FULL.</summary>
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>HRESULT of Windows' ERROR_HANDLE_DISK_FULL.</summary>
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>
    /// Whether <paramref name="error"/> is a storage failure: an I/O or permission error, possibly wrapped (inner
    /// exceptions) or aggregated. An aggregate counts only when every error in it is one (a bug among them is a bug).
    /// </summary>
    public static bool IsStorageFailure(Exception? error) => error switch
    {
        null => false,
        IOException or UnauthorizedAccessException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsStorageFailure),
        OutputFolderException => false,
        _ => IsStorageFailure(error.InnerException),
    };

    /// <summary>Whether <paramref name="error"/>, or any error wrapped or aggregated in it, says the disk or quota is full.</summary>
    public static bool IsDiskFull(Exception? error) => error switch
    {
        null => false,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsDiskFull),
        IOException io when IsDiskFullCode(io.HResult) => true,
        _ => IsDiskFull(error.InnerException),
    };

    /// <summary>
    /// The error to report for a storage failure while writing <paramref name="what"/>: one line that says what
    /// happened (naming the disk-full case plainly rather than as a path-laden system message) and a hint.
    /// </summary>
    /// <param name="error">The failure (see <see cref="IsStorageFailure"/>).</param>
    /// <param name="what">What was being written, e.g. <c>the run</c> or <c>point rate~0.1_seed~1</c>.</param>
    /// <param name="consequence">What became of the output, e.g. <c>nothing was kept</c>.</param>
    public static OutputFolderException Describe(Exception error, string what, string consequence)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsDiskFull(error))
        {
            return new OutputFolderException(
                $"disk full (no space left on the device, or quota exceeded) while writing {what}; {consequence}",
                "free space on that file system, or choose another --out",
                error);
        }

        string cause = FirstCause(error).Message.ReplaceLineEndings(" ");
        return new OutputFolderException($"cannot write {what}: {cause}; {consequence}", "check that the folder exists and that you may write there", error);
    }

    private static bool IsDiskFullCode(int code) => code switch
    {
        Enospc or WindowsDiskFull or WindowsHandleDiskFull => true,
        EdquotLinux => OperatingSystem.IsLinux(),
        EdquotMac => OperatingSystem.IsMacOS(),
        _ => false,
    };

    private static Exception FirstCause(Exception error) => error switch
    {
        IOException or UnauthorizedAccessException => error,
        AggregateException { InnerExceptions.Count: > 0 } aggregate => FirstCause(aggregate.InnerExceptions[0]),
        { InnerException: { } inner } => FirstCause(inner),
        _ => error,
    };
}
