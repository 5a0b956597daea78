using Alerts.Channels.Email;

namespace Alerts.Tests.Channels;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("analyst@example.org")]
    [InlineData("first.last+alerts@news-desk.example.co.uk")]
    public void Plain_addresses_are_accepted(string address) => Assert.Null(EmailAddresses.Validate(address));

    [Theory]
    [InlineData("analyst@example.org\r\nBcc: everyone@example.org")]
    [InlineData("analyst@example.org\nX-Injected: 1")]
    [InlineData("Analyst <analyst@example.org>")]
    [InlineData("analyst@example.org, other@example.org")]
    [InlineData("analyst")]
    [InlineData("analyst@localhost")]
    [InlineData("analyst@[127.0.0.1]")]
    [InlineData("@example.org")]
    [InlineData("an alyst@example.org")]
    [InlineData("")]
    public void Anything_else_is_refused(string address) => Assert.NotNull(EmailAddresses.Validate(address));

    [Fact]
    public void Addresses_over_254_characters_are_refused()
    {
        var longest = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 3)) + ".org";
        Assert.True(longest.Length <= 254);
        Assert.Null(EmailAddresses.Validate(longest));
        Assert.Contains("254", EmailAddresses.Validate(new string('a', 64) + "@" + new string('b', 190) + ".org"), StringComparison.Ordinal);
    }
}
