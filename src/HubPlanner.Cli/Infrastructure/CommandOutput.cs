using System.Text.Json;
using HubPlanner.Core.Contract;
using Spectre.Console;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>
/// Where a command writes: JSON on stdout with <c>--json</c>, Spectre.Console text otherwise; diagnostics
/// always on stderr.
/// </summary>
public sealed class CommandOutput
{
    /// <summary>The JSON shape of every command's output: the product's one contract, indented.</summary>
    public static JsonSerializerOptions JsonOptions => ContractJson.Indented;

    private readonly CliEnvironment _environment;

    public CommandOutput(CliEnvironment environment, bool json)
    {
        _environment = environment;
        IsJson = json;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(environment.Out),
            Ansi = environment.Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = environment.Interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!environment.Interactive)
        {
            Console.Profile.Width = 120; // redirected output: wide enough that tables do not wrap
        }
    }

    /// <summary>True with <c>--json</c>.</summary>
    public bool IsJson { get; }

    /// <summary>Human output (Spectre.Console) on stdout.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Writes one JSON document on stdout.</summary>
    public void Json<T>(T value) => _environment.Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Writes a line of diagnostics on stderr.</summary>
    public void Diagnostic(string line) => _environment.Error.WriteLine(line);
}
