using System.Text;

namespace Tarnfui.Cli.Cluster.Output;

/// <summary>
/// Writes rows as kubectl does: upper-case headers, columns padded to the widest cell plus three spaces
/// (kubectl's tabwriter: minimum width 6, padding 3), the last column unpadded.
/// </summary>
internal sealed class TableWriter(params string[] headers)
{
    private const int Padding = 3;
    private const int MinimumWidth = 6;
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        // An empty cell would shift the columns a reader sees; kubectl prints <none> in its place.
        _rows.Add([.. cells.Select(c => string.IsNullOrEmpty(c) ? "<none>" : c)]);
    }

    public void WriteTo(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        List<string[]> all = [headers.Select(h => h.ToUpperInvariant()).ToArray(), .. _rows];
        var widths = new int[headers.Length];
        foreach (var row in all)
        {
            for (var i = 0; i < row.Length - 1; i++)
            {
                widths[i] = Math.Max(widths[i], Math.Max(row[i].Length + Padding, MinimumWidth));
            }
        }

        var line = new StringBuilder();
        foreach (var row in all)
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]));
            }

            output.WriteLine(line.ToString());
        }
    }
}
