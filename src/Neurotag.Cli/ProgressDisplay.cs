using System.Diagnostics;
using System.Globalization;
using Neurotag.Core.Protocol;
using Spectre.Console;

namespace Neurotag.Cli;

/// <summary>
/// Progress on stderr: a Spectre.Console bar on a terminal; plain periodic lines otherwise (CI and Slurm logs,
/// where live rendering would print escape codes); nothing with --quiet. stdout stays for data.
/// </summary>
internal abstract class ProgressDisplay : IProgress<RunProgress>, IDisposable
{
    /// <summary>
    /// A display for a run (<paramref name="unit"/> null: steps of a phase) or for a batch (<paramref name="unit"/>
    /// "points": done of total, with failures counted in <see cref="RunProgress.Rep"/>).
    /// </summary>
    public static ProgressDisplay Create(CliContext context, bool quiet, string title, string? unit = null) =>
        quiet ? new Silent() : context.ErrorIsTerminal ? new TerminalBar(title) : new PlainLines(context.Error, title, unit);

    public abstract void Report(RunProgress value);

    public virtual void Dispose()
    {
    }

    private sealed class Silent : ProgressDisplay
    {
        public override void Report(RunProgress value)
        {
        }
    }

    /// <summary>A line at most every five seconds of wall time, and at the end.</summary>
    private sealed class PlainLines(TextWriter error, string title, string? unit) : ProgressDisplay
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private TimeSpan _last = TimeSpan.FromSeconds(-10);

        public override void Report(RunProgress value)
        {
            bool finished = value.Phase == "done" || (unit is not null && value.StepsDone == value.StepsTotal);
            if (_clock.Elapsed - _last < TimeSpan.FromSeconds(5) && !finished)
            {
                return;
            }

            _last = _clock.Elapsed;
            double percent = value.StepsTotal == 0 ? 100 : 100.0 * value.StepsDone / value.StepsTotal;
            string eta = value.StepsDone > 0 && value.StepsDone < value.StepsTotal
                ? string.Create(CultureInfo.InvariantCulture, $", ETA {_clock.Elapsed.TotalSeconds / value.StepsDone * (value.StepsTotal - value.StepsDone):0} s")
                : "";
            string where = unit is null ? $"phase {value.Phase} rep {value.Rep}{eta}" : $"{value.StepsDone}/{value.StepsTotal} {unit}, {value.Rep} failed{eta}";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{title}: {percent,5:0.0}% {where} ({_clock.Elapsed.TotalSeconds:0.0} s)"));
        }
    }

    /// <summary>A live bar rendered by Spectre.Console on stderr.</summary>
    private sealed class TerminalBar : ProgressDisplay
    {
        private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        private readonly ManualResetEventSlim _finished = new();
        private readonly Task _renderer;
        private readonly Lock _gate = new();
        private RunProgress _latest;

        public TerminalBar(string title)
        {
            var ready = new ManualResetEventSlim();
            _renderer = Task.Run(() => _console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(title), maxValue: 1.0);
                    ready.Set();
                    while (!_finished.Wait(100))
                    {
                        RunProgress p;
                        lock (_gate)
                        {
                            p = _latest;
                        }

                        task.Value = p.StepsTotal == 0 ? 0 : (double)p.StepsDone / p.StepsTotal;
                        task.Description = Markup.Escape($"{title} · {p.Phase} {p.Rep}");
                    }

                    task.Value = 1.0;
                }));
            ready.Wait(TimeSpan.FromSeconds(2));
            ready.Dispose();
        }

        public override void Report(RunProgress value)
        {
            lock (_gate)
            {
                _latest = value;
            }
        }

        public override void Dispose()
        {
            _finished.Set();
            _renderer.Wait(TimeSpan.FromSeconds(2));
            _finished.Dispose();
            base.Dispose();
        }
    }
}
