using System.Net;
using Alerts.Channels.Webhooks;
using Microsoft.Extensions.Options;

namespace Alerts.Tests.Channels;

public sealed class WebhookTargetGuardTests
{
    private static WebhookTargetGuard Guard(bool allowLoopback = false, bool allowHttp = false) =>
        new(Options.Create(new WebhookOptions { AllowLoopback = allowLoopback, AllowHttp = allowHttp }));

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://127.8.9.10/hook")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://172.16.4.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://169.254.169.254/metadata/instance")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://168.63.129.16/machine")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://224.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[::ffff:169.254.169.254]/hook")]
    [InlineData("https://[64:ff9b::a00:1]/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://2130706433/hook")] // 127.0.0.1 written as one number
    public async Task Internal_targets_are_refused(string target) =>
        Assert.Contains("refused", await Guard().ValidateAsync(target, CancellationToken.None), StringComparison.Ordinal);

    [Theory]
    [InlineData("http://93.184.215.14/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("ftp://93.184.215.14/hook")]
    public async Task Only_https_is_allowed_in_production(string target) =>
        Assert.StartsWith("must be an https:// URL", await Guard().ValidateAsync(target, CancellationToken.None), StringComparison.Ordinal);

    [Fact]
    public async Task A_public_https_target_is_accepted() =>
        Assert.Null(await Guard().ValidateAsync("https://93.184.215.14/hook", CancellationToken.None));

    [Fact]
    public async Task Credentials_in_the_url_are_refused() =>
        Assert.StartsWith("credentials", await Guard().ValidateAsync("https://user:pass@93.184.215.14/hook", CancellationToken.None), StringComparison.Ordinal);

    [Fact]
    public async Task The_development_switches_allow_loopback_and_then_http_on_loopback_only()
    {
        Assert.Null(await Guard(allowLoopback: true).ValidateAsync("https://127.0.0.1:8443/hook", CancellationToken.None));
        Assert.Null(await Guard(allowLoopback: true).ValidateAsync("https://localhost:8443/hook", CancellationToken.None));
        Assert.Null(await Guard(allowLoopback: true).ValidateAsync("https://[::1]:8443/hook", CancellationToken.None));
        Assert.NotNull(await Guard(allowLoopback: true).ValidateAsync("http://127.0.0.1:8080/hook", CancellationToken.None));
        Assert.Null(await Guard(allowLoopback: true, allowHttp: true).ValidateAsync("http://127.0.0.1:8080/hook", CancellationToken.None));
        Assert.NotNull(await Guard(allowLoopback: true, allowHttp: true).ValidateAsync("http://93.184.215.14/hook", CancellationToken.None));
        Assert.NotNull(await Guard(allowLoopback: true, allowHttp: true).ValidateAsync("https://10.0.0.1/hook", CancellationToken.None));
        Assert.NotNull(await Guard(allowLoopback: true, allowHttp: true).ValidateAsync("https://169.254.169.254/hook", CancellationToken.None));
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("172.31.255.255", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("100.127.255.255", false)]
    [InlineData("::ffff:10.1.2.3", false)]
    [InlineData("2002:a00:1::", false)] // 6to4 of 10.0.0.1
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:0:0", false)]              // IPv4-mapped prefix, ::ffff:0:0/96
    [InlineData("::ffff:8.8.8.8", false)]          // any IPv4-mapped address: a webhook host never has one
    [InlineData("::ffff:0:7f00:1", false)]         // IPv4-translated (::ffff:0:0:0/96) 127.0.0.1
    [InlineData("::ffff:0:808:808", false)]        // IPv4-translated 8.8.8.8
    [InlineData("64:ff9b:1::a00:1", false)]        // local-use NAT64, 64:ff9b:1::/48
    [InlineData("64:ff9b:1:ffff::1", false)]
    [InlineData("64:ff9b::808:808", true)]         // well-known NAT64 of a public address
    [InlineData("3fff::1", false)]                 // documentation, 3fff::/20
    [InlineData("2001:2::1", false)]               // benchmarking, 2001:2::/48
    public void Address_ranges(string address, bool allowed) =>
        Assert.Equal(allowed, ForbiddenAddresses.Check(IPAddress.Parse(address), allowLoopback: false) is null);
}
