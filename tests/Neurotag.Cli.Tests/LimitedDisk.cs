namespace Neurotag.Cli.Tests;

/// <summary>
/// A disk of <c>capacity</c> bytes shared by every file opened through <see cref="Open"/> (the CLI's output-file seam):
/// a write that does not fit fails the way the kernel fails it on a full file system. The failure is not hand-made:
/// the bytes that do not fit are written to <c>/dev/full</c>, whose every write fails with ENOSPC, so the exception is
/// the one .NET raises for a full disk (Linux, as CI; the README shows the same check on a real tiny tmpfs).
/// </summary>
internal sealed class LimitedDisk(long capacity)
{
    private long _used;

    /// <summary>Bytes written so far.</summary>
    public long Used => Interlocked.Read(ref _used);

    /// <summary>Opens <paramref name="path"/> for writing on this disk.</summary>
    public Stream Open(string path) => new LimitedStream(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0), this);

    /// <summary>Reserves up to <paramref name="count"/> bytes; returns how many fit.</summary>
    private int Take(int count)
    {
        while (true)
        {
            long used = Interlocked.Read(ref _used);
            int fit = (int)Math.Min(count, Math.Max(0, capacity - used));
            if (Interlocked.CompareExchange(ref _used, used + fit, used) == used)
            {
                return fit;
            }
        }
    }

    private sealed class LimitedStream(FileStream file, LimitedDisk disk) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => file.Length;

        public override long Position { get => file.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            int fit = disk.Take(buffer.Length);
            file.Write(buffer[..fit]);
            if (fit < buffer.Length)
            {
                using var full = new FileStream("/dev/full", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
                full.Write(buffer[fit..]); // throws IOException: No space left on device (ENOSPC)
            }
        }

        public override void Flush() => file.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                file.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
