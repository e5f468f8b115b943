using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>
/// Where a command writes: JSON on stdout with <c>--json</c>, Spectre.Console text otherwise; diagnostics
/// always on stderr.
/// </summary>
public sealed class CommandOutput
{
    /// <summary>The JSON shape of every command's output: camelCase, enums as snake_case strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

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
