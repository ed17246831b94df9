using Microsoft.Extensions.Options;
using MimeKit;
using ReadingTracker.Api.Mail;
using ReadingTracker.Api.Users;

namespace ReadingTracker.Api.Auth;

/// <summary>The two recovery mails, in the language of the request that asked for them.</summary>
public sealed class RecoveryMail(MailQueue queue, IOptions<EmailOptions> options)
{
    public bool CanSend => options.Value.CanSend;

    public void SendResetLink(UserRow user, string link, int minutes, bool english) => Send(user, english
        ? ("Reset your Reading Tracker password",
            $"Hello {user.Name},\n\nOpen this link within {minutes} minutes to choose a new password (it works once):\n\n{link}\n\n"
            + "If you did not ask for this, ignore this mail; your password stays as it is.\n")
        : ("Reading Tracker 비밀번호 재설정",
            $"{user.Name}님, 안녕하세요.\n\n{minutes}분 안에 아래 링크를 열어 새 비밀번호를 정하세요 (한 번만 쓸 수 있습니다):\n\n{link}\n\n"
            + "요청하지 않으셨다면 이 메일을 무시하세요. 비밀번호는 그대로입니다.\n"));

    public void SendLoginId(UserRow user, bool english) => Send(user, english
        ? ("Your Reading Tracker login id", $"Hello {user.Name},\n\nYour login id is: {user.LoginId}\n\nIf you did not ask for this, ignore this mail.\n")
        : ("Reading Tracker 아이디 안내", $"{user.Name}님, 안녕하세요.\n\n아이디는 {user.LoginId} 입니다.\n\n요청하지 않으셨다면 이 메일을 무시하세요.\n"));

    private void Send(UserRow user, (string Subject, string Body) mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.Value.Smtp.From));
        message.To.Add(new MailboxAddress(user.Name, user.Email));
        message.Subject = mail.Subject;
        message.Body = new TextPart("plain") { Text = mail.Body };
        queue.Enqueue(message);
    }
}
