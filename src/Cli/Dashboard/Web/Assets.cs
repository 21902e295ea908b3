using Microsoft.AspNetCore.Http;

namespace Tarnfui.Cli.Dashboard.Web;

/// <summary>The stylesheet, the script and the icon, embedded in the plugin's assembly: nothing to build or install beside it.</summary>
internal static class Assets
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
        ["dashboard.js"] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    };

    public static async Task ServeAsync(HttpContext context, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Types.TryGetValue(name, out var type)
            || typeof(Assets).Assembly.GetManifestResourceStream($"Tarnfui.Cli.Dashboard.Assets.{name}") is not { } stream)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using (stream)
        {
            context.Response.ContentType = type;
            context.Response.Headers.CacheControl = "no-cache";
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
