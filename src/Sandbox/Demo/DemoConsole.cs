namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// Where the demo writes: timeline lines, and a progress display while the night plays — one line rewritten in
/// place when the output is a terminal, an occasional plain line otherwise (logs and pipes get no carriage returns).
/// </summary>
internal sealed class DemoConsole(TextWriter output, bool interactive)
{
    private readonly Lock _gate = new();
    private string _progress = "";

    public TextWriter Output => output;

    public bool Interactive => interactive;

    /// <summary>The console's stdout, interactive when it is a terminal.</summary>
    public static DemoConsole ForStandardOutput() => new(Console.Out, !Console.IsOutputRedirected);

    /// <summary>One line of the timeline, e.g. <c>Fri 19:00  stop sweep: ...</c>.</summary>
    public void Event(string when, string what)
    {
        ArgumentNullException.ThrowIfNull(what);
        var lines = what.Split('\n');
        lock (_gate)
        {
            ClearProgress();
            output.WriteLine($"  {when,-10} {lines[0]}");
            foreach (var line in lines.Skip(1))
            {
                output.WriteLine($"  {"",-10}   {line}");
            }

            RedrawProgress();
        }
    }

    public void Line(string text = "")
    {
        lock (_gate)
        {
            ClearProgress();
            output.WriteLine(text);
            RedrawProgress();
        }
    }

    /// <summary>Shows progress: rewritten in place on a terminal; on other outputs only when <paramref name="milestone"/>.</summary>
    public void Progress(string text, bool milestone)
    {
        lock (_gate)
        {
            if (interactive)
            {
                ClearProgress();
                _progress = text;
                RedrawProgress();
            }
            else if (milestone)
            {
                output.WriteLine($"  {"",-10} ... {text}");
            }
        }
    }

    /// <summary>Removes the progress line before the summary.</summary>
    public void EndProgress()
    {
        lock (_gate)
        {
            ClearProgress();
            _progress = "";
        }
    }

    private void ClearProgress()
    {
        if (interactive && _progress.Length > 0)
        {
            output.Write("\r" + new string(' ', _progress.Length + 2) + "\r");
        }
    }

    private void RedrawProgress()
    {
        if (interactive && _progress.Length > 0)
        {
            output.Write("  " + _progress);
            output.Flush();
        }
    }
}
