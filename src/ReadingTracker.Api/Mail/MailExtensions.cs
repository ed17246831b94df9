using Microsoft.Extensions.Options;

namespace ReadingTracker.Api.Mail;

public static class MailExtensions
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>().BindConfiguration("Email").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddHostedService<MailSender>();
        return builder;
    }

    private sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options) =>
            options.IsValid(out var reason) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(reason);
    }
}
