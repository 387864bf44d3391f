using System.Globalization;
using System.Text;
using Neurotag.Core.Recording;

namespace Neurotag.Output;

/// <summary>
/// <c>weights/PROJECTION.csv</c>: a projection's final weights, one line per postsynaptic neuron, one comma-separated
/// value per presynaptic neuron, no header, each value the shortest text that reads back to the same float32
/// ("R", invariant culture), lines ending in "\n". The same matrix gives the same bytes, and
/// <c>weight: { file: weights/PROJECTION.csv }</c> reads it back exactly.
/// </summary>
internal static class WeightMatrixFile
{
    /// <summary>The folder inside the run folder.</summary>
    public const string Folder = "weights";

    public static void Write(string directory, in WeightMatrixSample sample, Func<string, Stream>? openFile)
    {
        string folder = Path.Combine(directory, Folder);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, sample.Projection + ".csv");
        using var stream = openFile?.Invoke(path) ?? new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        using var text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var w = sample.Weights.Span;
        for (int r = 0; r < sample.Rows; r++)
        {
            for (int c = 0; c < sample.Columns; c++)
            {
                if (c > 0)
                {
                    text.Write(',');
                }

                text.Write(w[(r * sample.Columns) + c].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Write('\n');
        }
    }
}
