namespace Neurotag.Output.Tests;

/// <summary>
/// Issue #11, defect 2: a full disk reached the user as "internal error: AggregateException … this is a bug". The
/// errors here are the runtime's own, raised by writing to <c>/dev/full</c> (Linux), whose every write fails with ENOSPC.
/// </summary>
public sealed class StorageFailureTests
{
    private static IOException DiskFullError()
    {
        try
        {
            using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            full.Write(new byte[16]);
        }
        catch (IOException e)
        {
            return e;
        }

        throw new InvalidOperationException("writing to /dev/full did not fail");
    }

    [Fact]
    public void IsDiskFull_RecognizesTheRuntimesErrorForAFullDisk_AloneWrappedOrAggregated()
    {
        var error = DiskFullError();

        Assert.True(StorageFailure.IsDiskFull(error));
        Assert.True(StorageFailure.IsDiskFull(new AggregateException("Several output files could not be closed.", new IOException("other"), error)));
        Assert.True(StorageFailure.IsDiskFull(new InvalidOperationException("a library's wrapper", error)));
        Assert.False(StorageFailure.IsDiskFull(new IOException("The process cannot access the file")));
        Assert.False(StorageFailure.IsDiskFull(new FileNotFoundException("gone")));
    }

    [Fact]
    public void IsStorageFailure_CountsAnAggregateOnlyWhenEveryErrorInItIsOne()
    {
        var error = DiskFullError();

        Assert.True(StorageFailure.IsStorageFailure(new AggregateException(error, new UnauthorizedAccessException())));
        Assert.False(StorageFailure.IsStorageFailure(new AggregateException(error, new InvalidOperationException("a bug"))));
        Assert.False(StorageFailure.IsStorageFailure(new InvalidOperationException("a bug")));
        Assert.False(StorageFailure.IsStorageFailure(new OperationCanceledException()));
    }

    [Fact]
    public void Describe_ADiskFull_IsOneLineWithoutTheSystemsPathLadenMessage()
    {
        var reported = StorageFailure.Describe(new AggregateException(DiskFullError(), DiskFullError()), "the run", "nothing was kept");

        Assert.Equal("disk full (no space left on the device, or quota exceeded) while writing the run; nothing was kept", reported.Message);
        Assert.Contains("free space", reported.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("/dev/full", reported.Message, StringComparison.Ordinal);
    }
}
