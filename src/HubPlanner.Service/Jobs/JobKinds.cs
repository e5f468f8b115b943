namespace HubPlanner.Service.Jobs;

/// <summary>The job kinds of the planner; each needs an <see cref="IJobHandler"/> registered to be accepted.</summary>
public static class JobKinds
{
    public const string Plan = "plan";
    public const string Placement = "placement";
    public const string Routing = "routing";
    public const string Coverage = "coverage";
    public const string Compare = "compare";

    /// <summary>Diagnostic kind (sleeps in steps); registered only with <c>EnableDiagnosticJobs</c>.</summary>
    public const string Wait = "wait";
}
