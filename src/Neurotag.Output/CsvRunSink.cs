using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Neurotag.Core.Recording;

namespace Neurotag.Output;

/// <summary>
/// Writes the samples of one run as tidy (long) CSV files into a staging directory
/// (see <see cref="RunFolder"/>): one header row, then one row per sample, in the order received.
/// </summary>
/// <remarks>
/// <para>
/// Files and columns (README "Outputs", docs/scenario-reference.md "Output files"):
/// <c>phases.csv</c> <c>phase,rep,instance,start_ms,end_ms,kind,steps</c>;
/// <c>tags.csv</c> <c>t_ms,phase,rep,tag,metric,other,value,unit</c>;
/// <c>populations.csv</c> <c>t_ms,phase,rep,population,metric,value,unit</c>;
/// <c>weights.csv</c> <c>t_ms,phase,rep,projection,from,to,mean,std,min,max,count</c>;
/// <c>weight_hist.csv</c> <c>t_ms,phase,rep,projection,bin_lo,bin_hi,count</c>;
/// <c>summary.csv</c> <c>phase,rep,instance,kind,name,metric,other,value,unit</c>;
/// <c>spikes.csv</c> <c>t_ms,phase,rep,population,neuron</c>;
/// <c>state.csv</c> <c>t_ms,phase,rep,population,neuron,variable,value,unit</c>.
/// </para>
/// <para>
/// A file is created when the constructor is told to create it (it then gets its header even if no
/// row follows) or when its first row arrives; otherwise it does not exist.
/// </para>
/// <para>
/// Output is byte-identical on every OS and under every current culture: UTF-8 without BOM, <c>\n</c> line ends,
/// integers invariant, and every other number as the invariant culture's shortest text that reads back to the value
/// the core holds: float32 values (<see cref="ValueUnit.SinglePrecision"/>, and weights.csv's statistics of float32
/// weights) as float32 (0.1, not 0.10000000149011612), the rest as double (<c>ToString("R")</c>). A value that is
/// NaN (a metric undefined at that moment, e.g. the mean weight of a block whose synapses were all pruned) is not
/// written: its row is left out, so every value column reads as numbers with default CSV readers. Text fields are
/// quoted only when they contain a comma, quote or line break.
/// </para>
/// <para>
/// The sink also collects the unit of every metric it wrote (<see cref="Units"/>) and the weight unit of each
/// projection in weights.csv (<see cref="WeightUnits"/>), for the manifest.
/// </para>
/// <para>Not thread-safe: the simulator calls a sink from its simulation thread only.</para>
/// </remarks>
public sealed class CsvRunSink : IRecordSink, IDisposable
{
    /// <summary>Size of each file's write buffer, in characters.</summary>
    private const int BufferSize = 1 << 16;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
        BufferSize = BufferSize,
        HasHeaderRecord = true,
    };

    private static readonly string[] PhaseColumns = ["phase", "rep", "instance", "start_ms", "end_ms", "kind", "steps"];
    private static readonly string[] TagColumns = ["t_ms", "phase", "rep", "tag", "metric", "other", "value", "unit"];
    private static readonly string[] PopulationColumns = ["t_ms", "phase", "rep", "population", "metric", "value", "unit"];
    private static readonly string[] WeightColumns = ["t_ms", "phase", "rep", "projection", "from", "to", "mean", "std", "min", "max", "count"];
    private static readonly string[] HistogramColumns = ["t_ms", "phase", "rep", "projection", "bin_lo", "bin_hi", "count"];
    private static readonly string[] SummaryColumns = ["phase", "rep", "instance", "kind", "name", "metric", "other", "value", "unit"];
    private static readonly string[] SpikeColumns = ["t_ms", "phase", "rep", "population", "neuron"];
    private static readonly string[] StateColumns = ["t_ms", "phase", "rep", "population", "neuron", "variable", "value", "unit"];

    private readonly string _directory;
    private readonly Func<string, Stream>? _openFile;
    private readonly UnitCatalog _units = new();
    private CsvWriter? _phases;
    private CsvWriter? _tags;
    private CsvWriter? _populations;
    private CsvWriter? _weights;
    private CsvWriter? _histogram;
    private CsvWriter? _summary;
    private CsvWriter? _spikes;
    private CsvWriter? _state;
    private bool _disposed;

    /// <summary>
    /// Creates a sink writing into <paramref name="stagingDirectory"/> (created if missing) and
    /// creates, with their header rows, the files named in <paramref name="files"/>.
    /// </summary>
    /// <param name="stagingDirectory">Directory the CSV files go to, normally <see cref="RunFolder.StagingPath"/>.</param>
    /// <param name="files">The files the record section asked for; they exist after <see cref="Dispose"/> even if empty.</param>
    /// <param name="openFile">Opens a file for writing given its path; null: a plain unbuffered <see cref="FileStream"/>. A seam for tests of a full disk.</param>
    /// <exception cref="IOException">A file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public CsvRunSink(string stagingDirectory, OutputFiles files, Func<string, Stream>? openFile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stagingDirectory);
        _directory = stagingDirectory;
        _openFile = openFile;
        Directory.CreateDirectory(stagingDirectory);
        try
        {
            if ((files & OutputFiles.Phases) != 0)
            {
                _ = Phases;
            }

            if ((files & OutputFiles.Tags) != 0)
            {
                _ = Tags;
            }

            if ((files & OutputFiles.Populations) != 0)
            {
                _ = Populations;
            }

            if ((files & OutputFiles.Weights) != 0)
            {
                _ = Weights;
            }

            if ((files & OutputFiles.WeightHistogram) != 0)
            {
                _ = Histogram;
            }

            if ((files & OutputFiles.Summary) != 0)
            {
                _ = Summary;
            }

            if ((files & OutputFiles.Spikes) != 0)
            {
                _ = Spikes;
            }

            if ((files & OutputFiles.State) != 0)
            {
                _ = State;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The directory the files are written to.</summary>
    public string DirectoryPath => _directory;

    /// <summary>
    /// Kind → metric → unit symbol of every value written so far: kinds <c>tag</c>, <c>population</c>,
    /// <c>weights</c>, <c>projection</c> as in summary.csv, and <c>state</c> (metric = variable) for state.csv; keys
    /// in ordinal order. When the series of one metric differ in unit (strengths of tags in a COBA and a CUBA
    /// population), the symbols are joined by <c>|</c> in the order first written; the <c>unit</c> column gives each row's.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Units => _units.Units;

    /// <summary>The weight unit of each projection with rows in weights.csv (also the unit of its weight_hist.csv edges).</summary>
    public IReadOnlyDictionary<string, string> WeightUnits => _units.WeightUnits;

    private CsvWriter Phases => _phases ??= Open(OutputFiles.Phases, PhaseColumns);

    private CsvWriter Tags => _tags ??= Open(OutputFiles.Tags, TagColumns);

    private CsvWriter Populations => _populations ??= Open(OutputFiles.Populations, PopulationColumns);

    private CsvWriter Weights => _weights ??= Open(OutputFiles.Weights, WeightColumns);

    private CsvWriter Histogram => _histogram ??= Open(OutputFiles.WeightHistogram, HistogramColumns);

    private CsvWriter Summary => _summary ??= Open(OutputFiles.Summary, SummaryColumns);

    private CsvWriter Spikes => _spikes ??= Open(OutputFiles.Spikes, SpikeColumns);

    private CsvWriter State => _state ??= Open(OutputFiles.State, StateColumns);

    /// <summary>The file name of one output file, e.g. <c>tags.csv</c> for <see cref="OutputFiles.Tags"/>.</summary>
    /// <param name="file">Exactly one file flag.</param>
    /// <returns>The file name, without directory.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="file"/> is not exactly one known file.</exception>
    public static string FileName(OutputFiles file) => file switch
    {
        OutputFiles.Phases => "phases.csv",
        OutputFiles.Tags => "tags.csv",
        OutputFiles.Populations => "populations.csv",
        OutputFiles.Weights => "weights.csv",
        OutputFiles.WeightHistogram => "weight_hist.csv",
        OutputFiles.Summary => "summary.csv",
        OutputFiles.Spikes => "spikes.csv",
        OutputFiles.State => "state.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(file), file, "Expected exactly one output file."),
    };

    /// <inheritdoc />
    public void Write(in PhaseSample sample)
    {
        var csv = Ready(Phases);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(Number(sample.Instance), false);
        csv.WriteField(Number(sample.StartMs), false);
        csv.WriteField(Number(sample.EndMs), false);
        csv.WriteField(sample.Offline ? "offline" : "online", false);
        csv.WriteField(Number(sample.Steps), false);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in TagSample sample)
    {
        var csv = Ready(Tags);
        if (double.IsNaN(sample.Value))
        {
            return;
        }

        _units.Add("tag", sample.Metric, sample.Unit);
        csv.WriteField(Number(sample.TimeMs), false);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(sample.Tag);
        csv.WriteField(sample.Metric);
        csv.WriteField(sample.Other);
        csv.WriteField(Number(sample.Value, sample.Unit), false);
        csv.WriteField(sample.Unit.Symbol);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in PopulationSample sample)
    {
        var csv = Ready(Populations);
        if (double.IsNaN(sample.Value))
        {
            return;
        }

        _units.Add("population", sample.Metric, sample.Unit);
        csv.WriteField(Number(sample.TimeMs), false);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(sample.Population);
        csv.WriteField(sample.Metric);
        csv.WriteField(Number(sample.Value, sample.Unit), false);
        csv.WriteField(sample.Unit.Symbol);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in WeightBlockSample sample)
    {
        var csv = Ready(Weights);
        if (double.IsNaN(sample.Mean))
        {
            return;
        }

        _units.AddWeights(sample.Projection, sample.Unit);
        csv.WriteField(Number(sample.TimeMs), false);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(sample.Projection);
        csv.WriteField(sample.From);
        csv.WriteField(sample.To);
        csv.WriteField(Number(sample.Mean, sample.Unit), false);
        csv.WriteField(Number(sample.Std, sample.Unit), false);
        csv.WriteField(Number(sample.Min, sample.Unit), false);
        csv.WriteField(Number(sample.Max, sample.Unit), false);
        csv.WriteField(Number(sample.Count), false);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in WeightHistogramSample sample)
    {
        var csv = Ready(Histogram);
        csv.WriteField(Number(sample.TimeMs), false);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(sample.Projection);
        csv.WriteField(Number(sample.BinLow), false);
        csv.WriteField(Number(sample.BinHigh), false);
        csv.WriteField(Number(sample.Count), false);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in SummaryRow row)
    {
        var csv = Ready(Summary);
        if (double.IsNaN(row.Value))
        {
            return;
        }

        _units.Add(row.Kind, row.Metric, row.Unit);
        csv.WriteField(row.Phase);
        csv.WriteField(Number(row.Rep), false);
        csv.WriteField(Number(row.Instance), false);
        csv.WriteField(row.Kind);
        csv.WriteField(row.Name);
        csv.WriteField(row.Metric);
        csv.WriteField(row.Other);
        csv.WriteField(Number(row.Value, row.Unit), false);
        csv.WriteField(row.Unit.Symbol);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in SpikeSample sample)
    {
        var csv = Ready(Spikes);
        csv.WriteField(Number(sample.TimeMs), false);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(sample.Population);
        csv.WriteField(Number(sample.Neuron), false);
        csv.NextRecord();
    }

    /// <inheritdoc />
    public void Write(in StateSample sample)
    {
        var csv = Ready(State);
        if (double.IsNaN(sample.Value))
        {
            return;
        }

        _units.Add("state", sample.Variable, sample.Unit);
        csv.WriteField(Number(sample.TimeMs), false);
        csv.WriteField(sample.Phase);
        csv.WriteField(Number(sample.Rep), false);
        csv.WriteField(sample.Population);
        csv.WriteField(Number(sample.Neuron), false);
        csv.WriteField(sample.Variable);
        csv.WriteField(Number(sample.Value, sample.Unit), false);
        csv.WriteField(sample.Unit.Symbol);
        csv.NextRecord();
    }

    /// <summary>Writes <c>weights/PROJECTION.csv</c> into the staging folder (renamed with the run folder).</summary>
    public void Write(in WeightMatrixSample sample)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WeightMatrixFile.Write(_directory, sample, _openFile);
    }

    /// <summary>Flushes every open file to disk without closing it.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _phases?.Flush();
        _tags?.Flush();
        _populations?.Flush();
        _weights?.Flush();
        _histogram?.Flush();
        _summary?.Flush();
        _spikes?.Flush();
        _state?.Flush();
    }

    /// <summary>Flushes and closes every file. Calling it again does nothing.</summary>
    /// <exception cref="IOException">A file could not be flushed (e.g. the disk is full); every file is closed regardless.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        List<Exception>? errors = null;
        Close(ref _phases, ref errors);
        Close(ref _tags, ref errors);
        Close(ref _populations, ref errors);
        Close(ref _weights, ref errors);
        Close(ref _histogram, ref errors);
        Close(ref _summary, ref errors);
        Close(ref _spikes, ref errors);
        Close(ref _state, ref errors);
        if (errors is { Count: 1 })
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(errors[0]);
        }
        else if (errors is { Count: > 1 })
        {
            throw new AggregateException("Several output files could not be closed.", errors);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A value at the precision its unit says the core holds it at (see the class remarks).</summary>
    private static string Number(double value, ValueUnit unit) =>
        unit.SinglePrecision ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : Number(value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Close(ref CsvWriter? writer, ref List<Exception>? errors)
    {
        if (writer is null)
        {
            return;
        }

        try
        {
            // Disposing the CsvWriter flushes its buffer and disposes the StreamWriter and FileStream.
            writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (errors ??= []).Add(e);
        }

        writer = null;
    }

    private CsvWriter Ready(CsvWriter writer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return writer;
    }

    private CsvWriter Open(OutputFiles file, string[] columns)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var path = Path.Combine(_directory, FileName(file));

        // The StreamWriter buffers; the FileStream does not (bufferSize 0) so data is copied once.
        var stream = _openFile?.Invoke(path) ?? new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        StreamWriter? text = null;
        try
        {
            text = new StreamWriter(stream, Utf8NoBom, BufferSize);
            var csv = new CsvWriter(text, Configuration, leaveOpen: false);
            foreach (var column in columns)
            {
                csv.WriteField(column, false);
            }

            csv.NextRecord();
            return csv;
        }
        catch
        {
            if (text is not null)
            {
                text.Dispose();
            }
            else
            {
                stream.Dispose();
            }

            throw;
        }
    }
}
