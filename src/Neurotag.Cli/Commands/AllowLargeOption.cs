using System.CommandLine;
using Neurotag.Core.Recording;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary><c>--allow-large</c>: the same flag, with the same words, on every command that compiles a scenario to run it.</summary>
internal static class AllowLargeOption
{
    public static Option<bool> Create() => new("--allow-large")
    {
        Description = $"Accept a run whose projected CSV output exceeds {OutputProjection.Format(ScenarioLimits.OutputLimitBytes)} ('describe' shows the projection). The size and step limits stay.",
    };
}
