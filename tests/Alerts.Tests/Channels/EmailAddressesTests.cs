using Alerts.Channels.Email;

namespace Alerts.Tests.Channels;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("analyst@example.org")]
    [InlineData("first.last+alerts@news-desk.example.co.uk")]
    [InlineData("o'brien@example.org")]
    [InlineData("desk@bücher.example")] // IDN domain: sent as xn--bcher-kva
    [InlineData("desk@xn--bcher-kva.example")]
    public void Plain_addresses_are_accepted(string address) => Assert.Null(EmailAddresses.Validate(address));

    [Theory]
    [InlineData("\"a@b\"@example.org")]            // quoted local part holding an @
    [InlineData("\"analyst\"@example.org")]        // any quoted local part
    [InlineData("ana\u200Blyst@example.org")]      // zero-width space
    [InlineData("\u202Egro.elpmaxe@tsylana")]      // right-to-left override
    [InlineData("analyst@exa\u202Emple.org")]
    [InlineData("analyst\u2066@example.org")]      // left-to-right isolate
    [InlineData("analyst@example.org\u200E")]      // left-to-right mark
    [InlineData("analyst\u00AD@example.org")]      // soft hyphen
    [InlineData("analyst\uFEFF@example.org")]      // byte order mark
    [InlineData("analyst@-example.org")]            // label starting with a hyphen
    [InlineData("analyst@example-.org")]            // label ending with a hyphen
    [InlineData("analyst@exam_ple.org")]            // not letters, digits, hyphens
    [InlineData("analyst@example.123")]             // numeric top-level label
    [InlineData(".analyst@example.org")]            // not a dot-atom
    [InlineData("ana..lyst@example.org")]
    [InlineData("analyst.@example.org")]
    [InlineData("anälyst@example.org")]             // non-ASCII local part: not every relay takes SMTPUTF8
    [InlineData("analyst@example..org")]
    [InlineData("analyst@exa\u0000mple.org")]
    [InlineData("analyst@ex\u2028ample.org")]      // line separator
    public void Addresses_the_mail_path_cannot_take_are_refused(string address) => Assert.NotNull(EmailAddresses.Validate(address));

    [Fact]
    public void The_reason_names_what_is_wrong()
    {
        Assert.Contains("invisible", EmailAddresses.Validate("ana\u200Blyst@example.org"), StringComparison.Ordinal);
        Assert.Contains("before the @", EmailAddresses.Validate("\"a@b\"@example.org"), StringComparison.Ordinal);
        Assert.Contains("domain", EmailAddresses.Validate("analyst@-example.org"), StringComparison.Ordinal);
    }

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
