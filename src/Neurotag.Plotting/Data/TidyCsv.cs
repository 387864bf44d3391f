using System.Globalization;
using System.Text;

namespace Neurotag.Plotting.Data;

/// <summary>
/// A forward-only reader of the tidy CSV files a run writes (header row, comma separated, fields quoted only when
/// they hold a comma, quote or line break). Columns are found by header name, so files that gain columns
/// (<c>unit</c>, <c>instance</c>, <c>phase</c>) read the same. Fields are handed out as spans to keep large files
/// (a million spikes) cheap; repeated text (phase, population and tag names) is pooled so each distinct value is one
/// string. Malformed input raises <see cref="PlotInputException"/> with file, line and column.
/// </summary>
internal sealed class TidyCsv : IDisposable
{
    private readonly StreamReader _reader;
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _poolLookup;
    private readonly List<(int Start, int Length)> _fields = [];
    private readonly List<string> _unquoted = [];
    private string _line = "";
    private bool _quoted;

    private TidyCsv(string path, StreamReader reader)
    {
        Path = path;
        _reader = reader;
        _poolLookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The column names of the header row.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>1-based line number of the current row.</summary>
    public long Line { get; private set; } = 1;

    /// <summary>Opens <paramref name="path"/> and reads its header row.</summary>
    /// <exception cref="PlotInputException">The file cannot be read or has no header row.</exception>
    public static TidyCsv Open(string path)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotInputException($"{path}: cannot be read: {e.Message}", "check that the file exists and is readable", e);
        }

        string? header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            reader.Dispose();
            throw new PlotInputException($"{path}:1:1: the file is empty; expected a header row of column names", "rerun the scenario: a run writes a header row into every file it creates");
        }

        var csv = new TidyCsv(path, reader);
        csv.Split(header);
        csv.Header = Enumerable.Range(0, csv._fields.Count).Select(i => csv.Field(i).ToString()).ToArray();
        return csv;
    }

    /// <summary>The index of column <paramref name="name"/>, or −1 when the file has no such column.</summary>
    public int Column(string name)
    {
        for (int k = 0; k < Header.Count; k++)
        {
            if (Header[k] == name)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The index of column <paramref name="name"/>.</summary>
    /// <exception cref="PlotInputException">The file has no such column.</exception>
    public int Require(string name)
    {
        int k = Column(name);
        return k >= 0
            ? k
            : throw new PlotInputException(
                $"{Path}:1:1: no column '{name}' in the header (found: {string.Join(",", Header)})",
                "this file was not written by neurotag-cli, or by an incompatible version; rerun the scenario");
    }

    /// <summary>Advances to the next row; false at the end of the file. Blank lines are skipped.</summary>
    /// <exception cref="PlotInputException">A row has fewer fields than the header.</exception>
    public bool Next()
    {
        while (true)
        {
            string? line = _reader.ReadLine();
            if (line is null)
            {
                return false;
            }

            Line++;
            if (line.Length == 0)
            {
                continue;
            }

            Split(line);
            if (_fields.Count < Header.Count)
            {
                throw new PlotInputException(
                    $"{Path}:{Line}:{line.Length + 1}: expected {Header.Count} fields ({string.Join(",", Header)}), found {_fields.Count}",
                    "the file was cut short or edited; rerun the scenario");
            }

            return true;
        }
    }

    /// <summary>The text of field <paramref name="column"/> of the current row.</summary>
    public ReadOnlySpan<char> Field(int column)
    {
        var (start, length) = _fields[column];
        return _quoted && start < 0 ? _unquoted[length].AsSpan() : _line.AsSpan(start, length);
    }

    /// <summary>The text of field <paramref name="column"/>, pooled (one string per distinct value in the file).</summary>
    public string Text(int column)
    {
        var span = Field(column);
        if (span.Length == 0)
        {
            return "";
        }

        if (_poolLookup.TryGetValue(span, out string? pooled))
        {
            return pooled;
        }

        string text = span.ToString();
        _pool[text] = text;
        return text;
    }

    /// <summary>Field <paramref name="column"/> as a number (invariant culture; <c>NaN</c> and infinities allowed).</summary>
    /// <exception cref="PlotInputException">The field is not a number.</exception>
    public double Number(int column)
    {
        var span = Field(column);
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw NotANumber(column, span);
    }

    /// <summary>Field <paramref name="column"/> as a whole number.</summary>
    /// <exception cref="PlotInputException">The field is not a whole number.</exception>
    public long Integer(int column)
    {
        var span = Field(column);
        return long.TryParse(span, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw NotANumber(column, span, whole: true);
    }

    public void Dispose() => _reader.Dispose();

    private PlotInputException NotANumber(int column, ReadOnlySpan<char> text, bool whole = false)
    {
        int col = 1;
        for (int k = 0; k < column; k++)
        {
            col += (_fields[k].Start < 0 ? _unquoted[_fields[k].Length].Length + 2 : _fields[k].Length) + 1;
        }

        return new PlotInputException(
            $"{Path}:{Line}:{col}: column '{Header[column]}' holds '{text}', expected a {(whole ? "whole number" : "number")}",
            "the file was edited or is damaged; rerun the scenario");
    }

    /// <summary>Splits <paramref name="line"/> into field ranges; quoted fields are unescaped into <see cref="_unquoted"/>.</summary>
    private void Split(string line)
    {
        _line = line;
        _fields.Clear();
        _quoted = line.Contains('"', StringComparison.Ordinal);
        if (!_quoted)
        {
            int start = 0;
            while (true)
            {
                int comma = line.IndexOf(',', start);
                if (comma < 0)
                {
                    _fields.Add((start, line.Length - start));
                    return;
                }

                _fields.Add((start, comma - start));
                start = comma + 1;
            }
        }

        _unquoted.Clear();
        int k = 0;
        var field = new StringBuilder();
        while (true)
        {
            field.Clear();
            if (k < line.Length && line[k] == '"')
            {
                k++;
                while (k < line.Length)
                {
                    if (line[k] == '"')
                    {
                        if (k + 1 < line.Length && line[k + 1] == '"')
                        {
                            field.Append('"');
                            k += 2;
                            continue;
                        }

                        k++;
                        break;
                    }

                    field.Append(line[k++]);
                }

                // Anything between the closing quote and the next comma is kept, as lenient readers do.
                while (k < line.Length && line[k] != ',')
                {
                    field.Append(line[k++]);
                }
            }
            else
            {
                while (k < line.Length && line[k] != ',')
                {
                    field.Append(line[k++]);
                }
            }

            _unquoted.Add(field.ToString());
            _fields.Add((-1, _unquoted.Count - 1));
            if (k >= line.Length)
            {
                return;
            }

            k++; // the comma
        }
    }
}
