using ReadingTracker.Api.Account;
using ReadingTracker.Api.Admin;
using ReadingTracker.Api.Auth;
using ReadingTracker.Api.Books;
using ReadingTracker.Api.Consistency;
using ReadingTracker.Api.Health;
using ReadingTracker.Api.Housekeeping;
using ReadingTracker.Api.Http;
using ReadingTracker.Api.Idempotency;
using ReadingTracker.Api.Mail;
using ReadingTracker.Api.Memos;
using ReadingTracker.Api.OpenApi;
using ReadingTracker.Api.Persistence;
using ReadingTracker.Api.Quota;
using ReadingTracker.Api.Recovery;
using ReadingTracker.Api.Shelf;
using ReadingTracker.Api.Stats;
using ReadingTracker.Api.Tags;
using ReadingTracker.Api.TodayFlow;
using ReadingTracker.Api.Transfer;

var builder = WebApplication.CreateBuilder(args);

builder.AddApiHttp();          // envelope, error table, JSON, CORS, security headers
builder.AddPersistence();      // two masters, migrations, dual write, read failover
builder.AddRecovery();         // durable journal of divergences + the worker that repairs them
builder.AddHousekeeping();     // hourly purge of expired idempotency keys and tokens, through the write path
builder.AddAuth();             // JWT access tokens, refresh tokens per device, current user
builder.AddAuthRateLimits();   // login, signup and recovery throttling
builder.AddMail();             // recovery mails: SMTP (MailKit) or a pickup directory of .eml files
builder.AddIdempotency();      // Idempotency-Key on every write (Redis or the masters)
builder.AddWriteQuota();       // rows a user may store per minute (429 beyond)
builder.AddUsers();
builder.AddBookSearch();       // Aladin / Open Library
builder.AddShelf();
builder.AddMemos();
builder.AddTodayFlow();
builder.AddTags();
builder.AddStats();            // a year of the reader's reading: read only
builder.AddTransfer();       // import from Goodreads / StoryGraph / our JSON; exports
builder.AddAdmin();            // recovery status, consistency check and repair (ADMIN role)
builder.AddAdminAccess();
builder.AddMetricsEndpoint();  // Prometheus text at /metrics
builder.AddApiDocs();          // OpenAPI document + browsable UI

var app = builder.Build();

if (ConsistencyCommand.IsCommand(args))
{
    Environment.ExitCode = await ConsistencyCommand.RunAsync(app, args);
    return;
}

if (UsersCommand.IsCommand(args))
{
    Environment.ExitCode = await UsersCommand.RunAsync(app, args);
    return;
}

app.UseApiHttp();
app.UseRequestConnections(); // one request's connections to each master, and its round trips
app.UseAuthNoStore();         // Cache-Control: no-store on auth and account responses, 429s included
app.UseRateLimiter();
app.UseAuth();
app.UseEnumNames();            // enum query and route values bind from their names only
app.UseIdempotency();
app.UseApiDocs();
app.UseWebClient();           // wwwroot, revalidated on every load

app.MapHealth();
app.MapAuth();
app.MapUsers();
app.MapBookSearch();
app.MapShelf();
app.MapMemos();
app.MapTodayFlow();
app.MapTags();
app.MapStats();
app.MapTransfer();
app.MapAdmin();
app.MapMetrics();

app.Run();

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
