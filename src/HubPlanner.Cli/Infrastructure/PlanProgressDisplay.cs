using System.Globalization;
using HubPlanner.Core.Planning;
using HubPlanner.Data.Planning;
using Spectre.Console;

namespace HubPlanner.Cli.Infrastructure;

/// <summary>
/// Shows a plan's progress: one Spectre.Console progress bar per stage on a terminal; plain
/// "[stage] 50% message" lines on stderr when stdout is redirected or JSON is requested.
/// </summary>
public static class PlanProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> while displaying its progress.</summary>
    public static T Run<T>(CommandRun run, Func<IProgress<PlanProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(work);
        if (run.Output.IsJson || !run.Environment.Interactive)
        {
            string? last = null;
            var plain = new SynchronousProgress<PlanProgress>(p =>
            {
                string line = string.Create(CultureInfo.InvariantCulture, $"[{p.Stage}] {100 * p.Fraction,3:0}% {p.Message}") +
                              (p.Objective is { } o && double.IsFinite(o) ? string.Create(CultureInfo.InvariantCulture, $" (objective {o:0.##})") : "");
                if (line != last)
                {
                    run.Output.Diagnostic(line);
                    last = line;
                }
            });
            return work(plain);
        }

        T result = default!;
        run.Output.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var tasks = ScenarioPlanner.StageNames.ToDictionary(s => s, s => ctx.AddTask(s, autoStart: false, maxValue: 1));
                var live = new SynchronousProgress<PlanProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Stage, out var task))
                    {
                        return;
                    }

                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    task.Value = Math.Clamp(p.Fraction, 0, 1);
                    task.Description = Markup.Escape($"{p.Stage}: {Shorten(p.Message)}");
                    if (p.Fraction >= 1)
                    {
                        task.StopTask();
                    }
                });
                result = work(live);
            });
        return result;
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "…";

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SynchronousProgress<TValue>(Action<TValue> handler) : IProgress<TValue>
    {
        private readonly Lock _gate = new();

        public void Report(TValue value)
        {
            lock (_gate)
            {
                handler(value);
            }
        }
    }
}
