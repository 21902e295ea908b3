using Tarnfui.Sweeper.Notifications;

namespace Tarnfui.Sweeper.Tests.Notifications;

public class NotificationOptionsValidatorTests
{
    [Fact]
    public void No_target_is_valid_and_sends_nothing() =>
        new NotificationOptionsValidator().Validate(null, new NotificationOptions()).Succeeded.ShouldBeTrue();

    [Fact]
    public void A_url_from_a_file_is_valid()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "https://hooks.example.com/services/T/B/x\n");
        var options = new NotificationOptions { Targets = [new NotificationTarget { Name = "slack", UrlFile = file, Format = "slack" }] };
        new NotificationOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        TargetUrl.Resolve(options.Targets[0]).Host.ShouldBe("hooks.example.com");
    }

    public static TheoryData<string, Action<NotificationOptions>, string> Cases => new()
    {
        { "no name", o => o.Targets[0].Name = "", "Notifications:Targets:0:Name must be set" },
        { "a name twice", o => o.Targets.Add(Target("team")), "Notifications:Targets:1:Name \"team\" is already the name of another target" },
        { "unknown format", o => o.Targets[0].Format = "teams", "Notifications:Targets:0:Format must be one of cloudevents, slack, got \"teams\"" },
        { "relative url", o => o.Targets[0].Url = "/hooks", "Notifications:Targets:0:Url must be an absolute http or https URL" },
        { "not http", o => o.Targets[0].Url = "ftp://example.com/x", "Notifications:Targets:0:Url must be an absolute http or https URL" },
        { "no url", o => o.Targets[0].Url = null, "Notifications:Targets:0 needs exactly one of Url and UrlFile" },
        { "both urls", o => o.Targets[0].UrlFile = "/etc/hostname", "Notifications:Targets:0 needs exactly one of Url and UrlFile" },
        { "missing url file", o => (o.Targets[0].Url, o.Targets[0].UrlFile) = (null, "/nonexistent/url"), "Notifications:Targets:0:UrlFile \"/nonexistent/url\" does not exist" },
        { "missing headers", o => o.Targets[0].HeadersFile = "/nonexistent/headers", "Notifications:Targets:0:HeadersFile must be a directory (a mounted Secret), \"/nonexistent/headers\" is not one" },
        { "empty queue", o => o.QueueCapacity = 0, "Notifications:QueueCapacity must be at least 1, got \"0\"" },
        { "no attempt", o => o.MaxAttempts = 0, "Notifications:MaxAttempts must be at least 1, got \"0\"" },
        { "no time to answer", o => o.AttemptTimeout = TimeSpan.Zero, "Notifications:AttemptTimeout must be positive, got \"0s\"" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Invalid_values_are_named_with_their_key(string because, Action<NotificationOptions> change, string message)
    {
        var options = new NotificationOptions { Targets = [Target("team")] };
        change(options);
        var result = new NotificationOptionsValidator().Validate(null, options);
        result.Failed.ShouldBeTrue(because);
        result.Failures.ShouldBe([message], because);
    }

    [Fact]
    public void A_url_is_never_echoed_in_the_error_it_may_carry_a_secret()
    {
        var options = new NotificationOptions { Targets = [Target("team")] };
        options.Targets[0].Url = "hooks.example.com/services/secret-token";
        new NotificationOptionsValidator().Validate(null, options).FailureMessage!.ShouldNotContain("secret-token");
    }

    private static NotificationTarget Target(string name) => new() { Name = name, Url = "http://127.0.0.1:9/hook" };
}
