namespace ReadingTracker.Api.Mail;

public static class MailExtensions
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EmailOptions>("Email");
        builder.Services.AddSingleton<MailQueue>();
        builder.Services.AddHostedService<MailSender>();
        return builder;
    }
}
