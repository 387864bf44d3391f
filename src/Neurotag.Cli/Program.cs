using Neurotag.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop cleanly (the run folder is abandoned, nothing half-written). A second one kills the process.
    if (!cancel.IsCancellationRequested)
    {
        e.Cancel = true;
        cancel.Cancel();
    }
};

return CliApp.Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected, cancel.Token);
