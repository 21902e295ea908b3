using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Tarnfui.Cli.Dashboard.Web;

/// <summary>
/// Who may use the dashboard. On a loopback address, anyone on this machine (the person's own RBAC is what the API
/// server checks). On an address a person named with <c>--address</c>, only a browser that knows the random token in
/// the printed URL: the first visit with <c>?token=</c> sets a cookie (HttpOnly, SameSite=Strict) and drops it from the
/// address bar. Every change also needs the form's CSRF token and a same-origin <c>Origin</c> or <c>Referer</c>.
/// </summary>
internal sealed class Access(bool tokenRequired)
{
    public const string CookieName = "tarnfui-dashboard";

    public const string CsrfField = "csrf";

    /// <summary>The token the printed URL carries.</summary>
    public string Token { get; } = NewToken();

    /// <summary>The per-server token every action form carries in a hidden field.</summary>
    public string Csrf { get; } = NewToken();

    public bool TokenRequired => tokenRequired;

    /// <summary>Lets the request through, or answers it (401, or a redirect that sets the cookie).</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!tokenRequired)
        {
            await next(context);
            return;
        }

        if (context.Request.Query.TryGetValue("token", out var given) && Same(given.ToString(), Token))
        {
            context.Response.Cookies.Append(CookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            context.Response.Redirect(context.Request.Path.HasValue ? context.Request.Path.Value! : "/");
            return;
        }

        if (context.Request.Cookies.TryGetValue(CookieName, out var cookie) && Same(cookie, Token))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("This dashboard listens on a non-loopback address: open the URL it printed, which carries its access token.\n");
    }

    /// <summary>Why a change request is refused (a missing or wrong CSRF token, another origin), or null when it may go on.</summary>
    public string? RefuseChange(HttpRequest request, string? csrf)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (csrf is null || !Same(csrf, Csrf))
        {
            return "the form's CSRF token is missing or wrong: reload the page and try again";
        }

        var origin = $"{request.Scheme}://{request.Host}";
        if (request.Headers.Origin.ToString() is { Length: > 0 } sent)
        {
            return string.Equals(sent, origin, StringComparison.OrdinalIgnoreCase) ? null : $"the request came from another origin ({sent})";
        }

        var referer = request.Headers.Referer.ToString();
        return referer.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase) || string.Equals(referer, origin, StringComparison.OrdinalIgnoreCase)
            ? null
            : "the request carries neither an Origin nor a Referer of this dashboard";
    }

    private static bool Same(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(given), System.Text.Encoding.UTF8.GetBytes(expected));

    private static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
