using ReadingTracker.Api.Mail;

namespace ReadingTracker.Api.Tests.Mail;

public sealed class EmailOptionsTests
{
    [Fact]
    public void Defaults_AreValid_AndSendNothing()
    {
        var options = new EmailOptions();

        Assert.True(options.IsValid(out _));
        Assert.False(options.CanSend);
    }

    [Fact]
    public void SmtpHost_WinsOverThePickupDirectory()
    {
        var options = new EmailOptions { PickupDirectory = "mail", Smtp = { Host = "smtp.example.com" } };

        Assert.True(options.UsesSmtp);
        Assert.False(options.UsesPickupDirectory);
    }

    [Theory]
    [InlineData("not a url", "Email:PublicBaseUrl")]
    [InlineData("ftp://example.com/", "Email:PublicBaseUrl")]
    public void PublicBaseUrl_MustBeAbsoluteHttp(string url, string named)
    {
        Assert.False(new EmailOptions { PublicBaseUrl = url }.IsValid(out var reason));
        Assert.Contains(named, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void From_MustBeAMailAddress()
    {
        Assert.False(new EmailOptions { Smtp = { From = "" } }.IsValid(out var reason));
        Assert.Contains("Email:Smtp:From", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void Port_MustBeAPort(int port) =>
        Assert.False(new EmailOptions { Smtp = { Port = port } }.IsValid(out _));

    [Fact]
    public void UserWithoutPassword_IsRejected() =>
        Assert.False(new EmailOptions { Smtp = { Host = "smtp.example.com", User = "me" } }.IsValid(out _));
}
