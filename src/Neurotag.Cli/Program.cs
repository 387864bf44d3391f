using System.Runtime.InteropServices;
using Neurotag.Cli;

using var stop = new StopSignal();

// The first Ctrl-C (SIGINT) or SIGTERM (Slurm's time limit, `timeout`, `docker stop`) stops cleanly: the run folder
// is abandoned, finished sweep points stay, and the exit code is 130 or 143. A second signal kills the process.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => signal.Cancel = stop.Request(signal.Signal));
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => signal.Cancel = stop.Request(signal.Signal));

return CliApp.Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected, stop);
