namespace Alerts.Tests.Infra;

/// <summary>
/// The azd hooks of azure.yaml, run for real (sh, and pwsh where it is installed) against stand-ins for az, azd and
/// curl: the Responsible AI terms check before provisioning, and the wait for the host's blobs_extension key before
/// the Event Grid subscription is made.
/// </summary>
public class HookTests
{
    public static TheoryData<string> Shells => ["sh", "pwsh"];

    private static readonly Dictionary<string, string> AzdVariables = new()
    {
        ["AZURE_SUBSCRIPTION_ID"] = "00000000-0000-0000-0000-000000000001",
        ["AZURE_FUNCTION_APP_NAME"] = "func-test",
        ["AZURE_RESOURCE_GROUP"] = "rg-test",
        ["AZURE_FUNCTION_APP_URL"] = "https://func-test-abc123.westeurope-01.azurewebsites.net",
        ["ALERTS_WARMUP_DELAY_SECONDS"] = "0",
    };

    [Fact]
    public void Azure_yaml_runs_the_terms_check_before_provisioning_and_the_warm_up_after_deploying()
    {
        var yaml = File.ReadAllText(RepoPaths.Combine("azure.yaml"));
        var preprovision = yaml.IndexOf("  preprovision:", StringComparison.Ordinal);
        var postdeploy = yaml.IndexOf("  postdeploy:", StringComparison.Ordinal);
        Assert.True(preprovision > 0 && postdeploy > preprovision, "azure.yaml should declare a preprovision and a postdeploy hook.");
        Assert.Contains("run: ./infra/hooks/preprovision.sh", yaml[preprovision..postdeploy], StringComparison.Ordinal);
        Assert.Contains("run: ./infra/hooks/preprovision.ps1", yaml[preprovision..postdeploy], StringComparison.Ordinal);
        Assert.Contains("run: ./infra/hooks/postdeploy.sh", yaml[postdeploy..], StringComparison.Ordinal);
        Assert.Contains("run: ./infra/hooks/postdeploy.ps1", yaml[postdeploy..], StringComparison.Ordinal);
        Assert.DoesNotContain("continueOnError: true", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Provisioning_stops_early_with_how_to_accept_the_terms_when_the_subscription_has_no_language_account(string shell)
    {
        if (Runnable(shell, "preprovision") is not { } path)
        {
            return;
        }
        using var hook = new HookRun();
        var (exitCode, _, error) = hook.Run(path, "preprovision", AzdVariables);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ResourceKindRequireAcceptTerms", error, StringComparison.Ordinal);
        Assert.Contains("Responsible AI", error, StringComparison.Ordinal);
        Assert.Contains("https://portal.azure.com/#create/Microsoft.CognitiveServicesTextAnalytics", error, StringComparison.Ordinal);
        Assert.Contains("azd env set ALERTS_LANGUAGE_TERMS_ACCEPTED true", error, StringComparison.Ordinal);
        Assert.Contains(hook.Calls, c => c.StartsWith("az cognitiveservices account list --subscription 00000000-0000-0000-0000-000000000001", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Provisioning_goes_on_when_a_language_account_live_or_deleted_shows_the_terms_accepted(string shell)
    {
        if (Runnable(shell, "preprovision") is not { } path)
        {
            return;
        }
        using (var live = new HookRun())
        {
            var (exitCode, _, error) = live.Run(path, "preprovision", new Dictionary<string, string>(AzdVariables) { ["FAKE_LANGUAGE_ACCOUNTS"] = "1" });
            Assert.True(exitCode == 0, error);
        }
        using (var deleted = new HookRun())
        {
            var (exitCode, _, error) = deleted.Run(path, "preprovision", new Dictionary<string, string>(AzdVariables) { ["FAKE_DELETED_LANGUAGE_ACCOUNTS"] = "2" });
            Assert.True(exitCode == 0, error);
        }
        using (var told = new HookRun(withAz: false))
        {
            // Told the terms are accepted: no check, no Azure CLI needed.
            var (exitCode, _, error) = told.Run(path, "preprovision", new Dictionary<string, string>(AzdVariables) { ["ALERTS_LANGUAGE_TERMS_ACCEPTED"] = "true" });
            Assert.True(exitCode == 0, error);
            Assert.Empty(told.Calls);
        }
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Without_a_signed_in_azure_cli_the_terms_check_says_what_to_do(string shell)
    {
        if (Runnable(shell, "preprovision") is not { } path)
        {
            return;
        }
        using (var signedOut = new HookRun())
        {
            var (exitCode, _, error) = signedOut.Run(path, "preprovision", new Dictionary<string, string>(AzdVariables) { ["FAKE_AZ_SIGNED_IN"] = "false" });
            Assert.NotEqual(0, exitCode);
            Assert.Contains("az login", error, StringComparison.Ordinal);
        }
        using (var noCli = new HookRun(withAz: false))
        {
            var (exitCode, _, error) = noCli.Run(path, "preprovision", AzdVariables);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("Azure CLI (az)", error, StringComparison.Ordinal);
            Assert.Contains("ALERTS_LANGUAGE_TERMS_ACCEPTED", error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void After_the_first_deploy_the_event_grid_subscription_is_provisioned_once_the_host_has_its_blobs_extension_key(string shell)
    {
        if (Runnable(shell, "postdeploy") is not { } path)
        {
            return;
        }
        using var hook = new HookRun();
        var (exitCode, output, error) = hook.Run(path, "postdeploy", new Dictionary<string, string>(AzdVariables) { ["FAKE_KEY_FROM_CALL"] = "3" });

        Assert.True(exitCode == 0, error);
        var calls = hook.Calls;
        // Woken and asked three times: the key appeared on the third; only then provisioned, with the subscription on.
        Assert.Equal(3, calls.Count(c => c.StartsWith("az functionapp keys list --name func-test --resource-group rg-test", StringComparison.Ordinal)));
        if (shell == "sh")
        {
            // Each try wakes the app first (pwsh does it with Invoke-WebRequest, which the stand-ins do not see).
            Assert.Equal(3, calls.Count(c => c.StartsWith("curl", StringComparison.Ordinal) && c.Contains("https://func-test-abc123.westeurope-01.azurewebsites.net/", StringComparison.Ordinal)));
        }
        var provision = calls.ToList().FindIndex(c => c == "azd provision --no-prompt");
        Assert.True(provision > calls.ToList().FindLastIndex(c => c.StartsWith("az functionapp keys list", StringComparison.Ordinal)), string.Join('\n', calls));
        Assert.Contains("provision with ALERTS_ARTICLE_EVENTS=true", calls);
        Assert.Equal("true", hook.AzdEnv("ALERTS_ARTICLE_EVENTS"));
        Assert.Contains("try 2 of 30", output, StringComparison.Ordinal);
        // The key is a secret: never printed.
        Assert.DoesNotContain("blobs-extension-secret-value", output + error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void A_host_that_never_starts_fails_the_deploy_after_bounded_tries_with_a_clear_error_and_no_subscription(string shell)
    {
        if (Runnable(shell, "postdeploy") is not { } path)
        {
            return;
        }
        using var hook = new HookRun();
        var (exitCode, _, error) = hook.Run(path, "postdeploy", new Dictionary<string, string>(AzdVariables) { ["ALERTS_WARMUP_ATTEMPTS"] = "4" });

        Assert.NotEqual(0, exitCode);
        Assert.Equal(4, hook.Calls.Count(c => c.StartsWith("az functionapp keys list", StringComparison.Ordinal)));
        Assert.Contains("no blobs_extension key after 4 tries", error, StringComparison.Ordinal);
        Assert.Contains("azd deploy", error, StringComparison.Ordinal);
        Assert.DoesNotContain(hook.Calls, c => c.StartsWith("azd provision", StringComparison.Ordinal));
        Assert.Null(hook.AzdEnv("ALERTS_ARTICLE_EVENTS"));
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void A_failed_provision_leaves_the_subscription_off_so_the_next_deploy_tries_again(string shell)
    {
        if (Runnable(shell, "postdeploy") is not { } path)
        {
            return;
        }
        using var hook = new HookRun();
        var (exitCode, _, error) = hook.Run(path, "postdeploy", new Dictionary<string, string>(AzdVariables) { ["FAKE_KEY_FROM_CALL"] = "1", ["FAKE_PROVISION_EXIT"] = "1" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("provision with ALERTS_ARTICLE_EVENTS=true", hook.Calls);
        Assert.Equal("false", hook.AzdEnv("ALERTS_ARTICLE_EVENTS"));
        Assert.Contains("tries again", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Shells))]
    public void Later_deploys_find_the_subscription_on_and_do_nothing(string shell)
    {
        if (Runnable(shell, "postdeploy") is not { } path)
        {
            return;
        }
        using var hook = new HookRun();
        hook.SetAzdEnv("ALERTS_ARTICLE_EVENTS", "true");
        var (exitCode, _, error) = hook.Run(path, "postdeploy", AzdVariables);

        Assert.True(exitCode == 0, error);
        Assert.DoesNotContain(hook.Calls, c => c.StartsWith("az ", StringComparison.Ordinal) || c.StartsWith("curl", StringComparison.Ordinal) || c.StartsWith("azd provision", StringComparison.Ordinal));
    }

    // sh is always there. pwsh often is not (CI has none): then the Windows hook is checked only for saying the same
    // things as the sh one, and the run is left to a machine with pwsh.
    private static string? Runnable(string shell, string hook)
    {
        var path = HookRun.Shell(shell);
        if (path is null)
        {
            var ps1 = File.ReadAllText(Path.Combine(InfraPaths.Infra, "hooks", hook + ".ps1"));
            var sh = File.ReadAllText(Path.Combine(InfraPaths.Infra, "hooks", hook + ".sh"));
            foreach (var shared in new[] { "ALERTS_LANGUAGE_TERMS_ACCEPTED", "ResourceKindRequireAcceptTerms", "blobs_extension", "ALERTS_WARMUP_ATTEMPTS", "ALERTS_WARMUP_DELAY_SECONDS", "ALERTS_ARTICLE_EVENTS", "azd provision --no-prompt", "list-deleted" })
            {
                Assert.Equal(sh.Contains(shared, StringComparison.Ordinal), ps1.Contains(shared, StringComparison.Ordinal));
            }
        }
        return path;
    }
}
