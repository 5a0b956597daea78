using System.Text;
using Alerts.Channels.Webhooks;

namespace Alerts.Tests.Channels;

public sealed class WebhookSignatureTests
{
    // The test vector of the Standard Webhooks reference libraries.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Body = "{\"test\": 2432232314}";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1614265330);

    [Fact]
    public void Signs_as_the_standard_webhooks_reference_does()
    {
        Assert.Equal(Expected, WebhookSignature.Sign(Secret, Id, 1614265330, Encoding.UTF8.GetBytes(Body)));
        Assert.True(WebhookSignature.Verify(Secret, Id, Timestamp, Body, Expected, WebhookSignature.DefaultTolerance, SentAt));
    }

    [Theory]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    public void Tolerates_clock_skew_up_to_the_tolerance_either_way(int skewSeconds, bool accepted) =>
        Assert.Equal(accepted, WebhookSignature.Verify(Secret, Id, Timestamp, Body, Expected, TimeSpan.FromMinutes(5), SentAt.AddSeconds(skewSeconds)));

    [Fact]
    public void Refuses_a_changed_body_id_timestamp_or_secret()
    {
        var tolerance = WebhookSignature.DefaultTolerance;
        Assert.False(WebhookSignature.Verify(Secret, Id, Timestamp, Body + " ", Expected, tolerance, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id + "x", Timestamp, Body, Expected, tolerance, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, "1614265331", Body, Expected, tolerance, SentAt));
        Assert.False(WebhookSignature.Verify(WebhookSignature.NewSecret(), Id, Timestamp, Body, Expected, tolerance, SentAt));
        Assert.False(WebhookSignature.Verify("not-a-secret", Id, Timestamp, Body, Expected, tolerance, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, "soon", Body, Expected, tolerance, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, Id, Timestamp, Body, "v2," + Expected[3..], tolerance, SentAt));
    }

    [Fact]
    public void Accepts_any_of_several_signatures_during_a_key_rotation() =>
        Assert.True(WebhookSignature.Verify(Secret, Id, Timestamp, Body, "v1,bm90IHRoaXMgb25l " + Expected, WebhookSignature.DefaultTolerance, SentAt));

    [Fact]
    public void New_secrets_are_whsec_and_at_least_24_random_bytes()
    {
        var a = WebhookSignature.NewSecret();
        var b = WebhookSignature.NewSecret();
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(a[6..]).Length >= 24);
        Assert.NotEqual(a, b);
    }
}
