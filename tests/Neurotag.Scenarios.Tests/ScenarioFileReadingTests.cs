using System.Diagnostics;

namespace Neurotag.Scenarios.Tests;

/// <summary>Reading scenario files that are not regular files: pipes have no length and cannot seek.</summary>
public sealed class ScenarioFileReadingTests
{
    private const string Scenario = """
        name: piped
        populations:
          cortex: { size: 10, neuron: { model: rate, tau: 10 ms } }
        protocol:
          - phase: run
            duration: 1 ms
        """;

    /// <summary>
    /// A named pipe (what <c>/dev/stdin</c> is under a shell pipe) is read to its end without asking for its length;
    /// the bytes kept for the manifest's SHA-256 are exactly those written.
    /// </summary>
    [Fact]
    public async Task ReadDocument_FromANamedPipe_ReadsEveryByteWithoutSeeking()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test makes a FIFO with mkfifo (Linux)");
        var folder = Directory.CreateTempSubdirectory("neurotag-fifo-");
        try
        {
            string fifo = Path.Combine(folder.FullName, "scenario.yaml");
            using (var mkfifo = Process.Start("mkfifo", fifo))
            {
                mkfifo.WaitForExit();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            var writer = Task.Run(() => File.WriteAllText(fifo, Scenario));
            var (document, errors) = ScenarioLoader.ReadDocument(fifo);
            await writer.WaitAsync(TimeSpan.FromMinutes(1));

            Assert.Empty(errors);
            Assert.NotNull(document);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(Scenario), document.Bytes);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
