using System.Security.Claims;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// Bearer-token authentication: a token maps to a user; an unknown token is a 401 Status. A request with no token
/// over plain HTTP is the anonymous-admin of a local cluster (kubectl sends no token over http://), over HTTPS it
/// is a 401. The user is put on <see cref="HttpContext.User"/> (name claim) and in <see cref="HttpContext.Items"/>.
/// </summary>
public sealed class Authentication(IReadOnlyDictionary<string, UserInfo> tokens, UserInfo plainHttpUser)
{
    private const string ItemKey = "tarnfui.sandbox.user";

    /// <summary>The authenticated user of a request that went through the middleware.</summary>
    public static UserInfo User(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var user) && user is UserInfo info
            ? info
            : throw new InvalidOperationException("the request did not go through the sandbox authentication");

    /// <summary>Resolves the caller, or null with a 401 written when the token is unknown.</summary>
    public UserInfo? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        UserInfo? user;
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            user = tokens.GetValueOrDefault(header["Bearer ".Length..].Trim());
        }
        else
        {
            user = context.Request.IsHttps ? null : plainHttpUser;
        }

        if (user is null)
        {
            return null;
        }

        context.Items[ItemKey] = user;
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Username), .. user.Groups.Select(g => new Claim(ClaimTypes.Role, g))], "Bearer"));
        return user;
    }

    internal static StatusException Unauthorized() => new(401, "Unauthorized", "Unauthorized");
}
