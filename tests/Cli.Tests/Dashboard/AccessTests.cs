using System.Net;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;

namespace Tarnfui.Cli.Tests.Dashboard;

[Collection("Sandbox")]
public class AccessTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task On_a_non_loopback_address_only_the_printed_urls_token_lets_a_browser_in()
    {
        var ns = await sandbox.NamespaceAsync();
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, Address = IPAddress.Any });
        var token = System.Web.HttpUtility.ParseQueryString(dashboard.Server.OpenUrl.Query)["token"];
        token.ShouldNotBeNullOrEmpty();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{dashboard.Server.BaseUrl.Port}/"),
        };

        using var bare = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var events = await http.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var guessed = await http.GetAsync(new Uri("/?token=0000", UriKind.Relative));
        using var first = await http.GetAsync(new Uri($"/namespaces/{ns}?token={token}", UriKind.Relative));

        bare.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        events.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        guessed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.OriginalString.ShouldBe($"/namespaces/{ns}", "the token leaves the address bar");
        var cookie = first.Headers.GetValues("Set-Cookie").ShouldHaveSingleItem();
        cookie.ShouldContain("httponly");
        cookie.ShouldContain("samesite=strict");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var later = await http.SendAsync(request);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task On_loopback_no_token_is_asked_for()
    {
        var ns = await sandbox.NamespaceAsync();
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });

        dashboard.Server.OpenUrl.ShouldBe(dashboard.Server.BaseUrl);
        dashboard.Server.BaseUrl.Host.ShouldBe("127.0.0.1");
        (await dashboard.PageAsync("/")).ShouldContain("data-testid=\"held-total\"");
    }
}
