using BenchmarkDotNet.Running;

namespace Tarnfui.Bench;

internal static class Program
{
    // BenchmarkDotNet micro-benchmarks; scenario runs are added as named commands by the performance work.
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
